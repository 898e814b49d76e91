package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

@Command(name = "compact", description = "Make each closed day's run partitions a few large objects per entity (the compact job), lineage kept in each record.")
final class CompactCommand extends PipelineCommand {
    @Option(names = "--through", paramLabel = "YYYY-MM-DD", description = "the last day to compact (default: yesterday, the last closed day)")
    String through;

    @Override
    int run(Pipeline pipeline) {
        Map<String, Object> headers = new HashMap<>();
        if (through != null) {
            try {
                headers.put("through", LocalDate.parse(through.trim()).toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--through '" + through + "' is not a date: use YYYY-MM-DD");
            }
        }
        return printReport(pipeline, "compact", headers);
    }
}
