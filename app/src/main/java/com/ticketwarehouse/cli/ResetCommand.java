package com.ticketwarehouse.cli;

import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Map;

@Command(name = "reset", description = "Purge, then load everything, crawl and transform.")
final class ResetCommand extends PipelineCommand {
    @Mixin
    Confirmation confirmation;

    @Override
    int run(Pipeline pipeline) {
        if (!PurgeCommand.purged(pipeline, confirmation, "reset", "This removes the lake and loads everything again. Type 'yes' to go on: ")) {
            return 1;
        }
        return printReport(pipeline, "refresh", Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"));
    }
}
