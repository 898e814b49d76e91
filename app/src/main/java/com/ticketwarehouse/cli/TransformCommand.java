package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "transform", description = "Run the SQL models (staging, then marts) into tables, all or nothing.")
final class TransformCommand extends PipelineCommand {
    @Override
    int run(Pipeline pipeline) {
        System.out.print(pipeline.call("transform", null, Map.of(), String.class));
        return 0;
    }
}
