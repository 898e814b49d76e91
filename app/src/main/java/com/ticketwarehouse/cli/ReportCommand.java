package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

@Command(name = "report", description = "Render a report to files (HTML body, PDF, CSV) for preview; with --send, deliver it to its recipients once.")
final class ReportCommand extends PipelineCommand {
    /** Where a preview goes when no --out is given. */
    static final String DEFAULT_OUT = "reports";

    @Parameters(index = "0", paramLabel = "REPORT", description = "settlement or daily-sales")
    String report;

    @ArgGroup
    Selection selection;

    static final class Selection {
        @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "settlement: the events that started that day; daily-sales: that day "
                + "(default: yesterday; settlement: the events that ended and have no statement yet)")
        String date;

        @Option(names = "--event", paramLabel = "ID", description = "settlement: the statement of one event")
        String event;
    }

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: ./" + DEFAULT_OUT + " unless --send)")
    String out;

    @Option(names = "--send", description = "deliver to the configured recipients, each once (the delivery ledger in the lake)")
    boolean send;

    @Override
    int run(Pipeline pipeline) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("report", report);
        headers.put("send", send);
        if (selection != null && selection.date != null) {
            try {
                headers.put("date", LocalDate.parse(selection.date).toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--date " + selection.date + ": give a day as YYYY-MM-DD");
            }
        }
        if (selection != null && selection.event != null) {
            if (!"settlement".equals(report)) {
                throw new IllegalArgumentException("--event is for the settlement report");
            }
            headers.put("event", selection.event);
        }
        String folder = out != null ? out : send ? null : DEFAULT_OUT;
        if (folder != null) {
            headers.put("out", folder);
        }
        return printReport(pipeline, "report", headers);
    }
}
