package com.ticketwarehouse.cli;

import com.ticketwarehouse.lake.RunList;
import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "status", description = "Show what is in the lake: runs, record counts, last load, crawl and transform.")
final class StatusCommand extends PipelineCommand {
    @ArgGroup
    Runs runs;

    static final class Runs {
        @Option(names = "--runs", paramLabel = "N", description = "list the N newest runs (default: " + RunList.SHOWN + ")")
        int newest;

        @Option(names = "--all", description = "list every run")
        boolean all;
    }

    @Override
    int run(Pipeline pipeline) {
        int shown = runs == null ? RunList.SHOWN : runs.all ? Integer.MAX_VALUE : runs.newest;
        if (shown < 1) {
            throw new IllegalArgumentException("--runs " + shown + ": use a number of runs from 1 up, or --all");
        }
        return printReport(pipeline, "status", Map.of("twRuns", shown));
    }
}
