package com.ticketwarehouse.lake;

import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;

import java.time.Clock;
import java.util.List;

/**
 * Makes the lake of one target. Found with {@link java.util.ServiceLoader}, so that a package
 * carries only the lakes it ships: the CLI both, the Lambda function the aws one.
 */
public interface LakeProvider {
    /** The target this lake serves: local or aws. */
    String target();

    /** @param clock what the lake takes as now (the pipeline's: a benchmark moves it) */
    Lake create(CamelContext context, Settings settings, List<String> entities, Clock clock);
}
