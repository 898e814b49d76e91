package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "transform", description = "Refresh the tables from the complete runs since the last refresh (staging, then marts), all or nothing.")
final class TransformCommand extends PipelineCommand {
    @Option(names = "--full", description = "read every complete run again into tables made anew (see docs/refresh.md)")
    boolean full;

    @Override
    int run(Pipeline pipeline) {
        return printReport(pipeline, "transform", Map.of("twFull", full));
    }
}
