package com.ticketwarehouse.reports;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.Csv;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A lake made from the simulators for the report tests, with the pipeline that runs reports over it and reads of its own. */
final class ReportLake implements AutoCloseable {
    static final Scale SCALE = Scale.named("small");
    final Simulators simulators;
    final Pipeline pipeline;
    final Path dir;

    private ReportLake(Simulators simulators, Pipeline pipeline, Path dir) {
        this.simulators = simulators;
        this.pipeline = pipeline;
        this.dir = dir;
    }

    /** A lake of the simulated account; {@code extra} settings (the reports' mail, recipients) over the test's own. */
    static ReportLake of(DataShape shape, Path dir, Map<String, String> extra) {
        Simulators simulators = Simulators.start(42, SCALE, FaultPlan.none(), shape, Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);
        Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(simulators, dir));
        settings.putAll(extra);
        return new ReportLake(simulators, Pipeline.start(settings), dir);
    }

    /** Load everything, crawl and transform. */
    ReportLake refresh() {
        LoadRun run = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        if (!LoadRun.COMPLETE.equals(run.status())) {
            throw new IllegalStateException("the load failed: " + run.error());
        }
        pipeline.call("crawl", null, Map.of(), String.class);
        pipeline.call("transform", null, Map.of(), String.class);
        return this;
    }

    String report(String report, Map<String, Object> options) {
        Map<String, Object> headers = new HashMap<>(options);
        headers.put("report", report);
        return pipeline.call("report", null, headers, String.class);
    }

    List<Map<String, String>> rows(String sql) {
        return pipeline.context().getRegistry().lookupByNameAndType("lake", Lake.class).rows(sql);
    }

    BigDecimal number(String sql) {
        String value = rows(sql).get(0).values().iterator().next();
        return value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    }

    /** Writes the settlement statement of an event into {@code out}, the run naming its PDF; returns its CSV's total line. */
    Map<String, String> settlementTotal(String event, Path out) {
        assertThat(report("settlement", Map.of("event", event, "out", out.toString()))).contains("settlement-" + event + ".pdf");
        return settlementTotal(out.resolve("settlement-" + event + ".csv"));
    }

    /** The line of a settlement statement's CSV whose ticket type reads TOTAL. */
    static Map<String, String> settlementTotal(Path csv) {
        return csv(csv).stream().filter(r -> r.get("ticket_type_name").equals("TOTAL")).findFirst().orElseThrow();
    }

    /** Writes the daily sales of a day into {@code out}; returns its CSV's total line, the one whose venue reads Total. */
    Map<String, String> dailySalesTotal(String day, Path out) {
        report("daily-sales", Map.of("date", day, "out", out.toString()));
        return csv(out.resolve("daily-sales-" + day + ".csv")).stream().filter(r -> r.get("venue_title").equals("Total")).findFirst().orElseThrow();
    }

    static List<Map<String, String>> csv(Path file) {
        try {
            return Csv.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        pipeline.close();
        simulators.close();
    }
}
