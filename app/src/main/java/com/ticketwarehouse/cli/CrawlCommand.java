package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;

import java.util.Map;

@Command(name = "crawl", description = "Make each raw entity a table over its archives, and report schema changes since the last crawl.")
final class CrawlCommand extends PipelineCommand {
    @Override
    int run(Pipeline pipeline) {
        return printReport(pipeline, "crawl", Map.of());
    }
}
