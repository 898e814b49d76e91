package com.ticketwarehouse.aws;

import com.ticketwarehouse.settings.Settings;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.Simulators;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The aws target on the AWS emulators (moto, the Athena stand-in), loading from the simulators: what a deployed stack's environment gives. */
final class AwsTargetSettings {
    private AwsTargetSettings() {
    }

    /** The lake under {@code prefix} of the bucket, its spool in a local folder, and the Athena and Glue waits polled every {@code pollMillis}. */
    static Map<String, String> of(Simulators simulators, String bucket, String prefix, Path spool, int pollMillis) {
        Map<String, String> settings = new LinkedHashMap<>(SimulatedApis.settings(simulators));
        settings.put("tw.target", Settings.AWS);
        settings.put("tw.aws.bucket", bucket);
        settings.put("tw.archive.prefix", prefix);
        settings.put("tw.aws.s3-path-style", "true");
        settings.put("tw.aws.env", "test");
        settings.put("tw.aws.poll-ms", Integer.toString(pollMillis));
        settings.put("tw.progress", "false");
        settings.put("tw.archive.spool-dir", spool.toString());
        return settings;
    }
}
