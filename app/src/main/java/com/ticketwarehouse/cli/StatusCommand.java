package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "status", description = "Show what is in the lake: runs, record counts, last load, crawl and transform.")
final class StatusCommand extends PipelineCommand {
    @Override
    int run(Pipeline pipeline) {
        System.out.print(pipeline.call("status", null, Map.of(), String.class));
        return 0;
    }
}
