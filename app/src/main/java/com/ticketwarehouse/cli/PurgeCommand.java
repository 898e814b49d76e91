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
        if (!confirmation.given("This removes every raw archive and table of the lake. Type 'yes' to go on: ")) {
            System.err.println("tw: purge cancelled; nothing was removed");
            return 1;
        }
        System.out.print(pipeline.call("purge", null, Map.of(), String.class));
        return 0;
    }
}
