package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.Map;

@Command(name = "query", description = "Run one SQL statement against the lake and print CSV with a header.")
final class QueryCommand extends PipelineCommand {
    @Parameters(paramLabel = "SQL", description = "e.g. \"SELECT * FROM event_settlement LIMIT 10\"")
    String sql;

    @Override
    int run(Pipeline pipeline) {
        pipeline.call("query", sql, Map.of("twOut", System.out), Void.class);
        return 0;
    }
}
