package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

@Command(name = "purge", description = "Remove the lake's raw archives, manifests and tables (asks first).")
final class PurgeCommand extends PipelineCommand {
    @Mixin
    Confirmation confirmation;

    @Override
    int run(Pipeline pipeline) {
        return purged(pipeline, confirmation, "purge", "This removes every raw archive and table of the lake. Type 'yes' to go on: ") ? 0 : 1;
    }

    /** Purges the lake once the question is answered yes (or --yes); else says that the command removed nothing. */
    static boolean purged(Pipeline pipeline, Confirmation confirmation, String command, String question) {
        if (!confirmation.given(question)) {
            System.err.println("tw: " + command + " cancelled; nothing was removed");
            return false;
        }
        System.out.print(pipeline.call("purge", null, Map.of(), String.class));
        return true;
    }
}
