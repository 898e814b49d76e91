package com.ticketwarehouse.cli;

import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.Simulators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

@Command(name = "demo", description = "Start both simulators, load, crawl and transform into the lake, and print a summary.")
final class DemoCommand extends PipelineCommand {
    /** Marks a lake that only the demo wrote, so that a re-run may clear it but never a real one. */
    static final String MARKER = ".tw-demo";

    @Mixin
    SimulatorOptions simulator;

    private Simulators simulators;

    @Override
    public Integer call() {
        try (Simulators running = simulator.start()) {
            simulators = running;
            return super.call();
        }
    }

    @Override
    Map<String, String> overrides() {
        Map<String, String> overrides = super.overrides();
        overrides.putAll(SimulatedApis.settings(simulators));
        return overrides;
    }

    @Override
    int run(Pipeline pipeline) {
        Path dir = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class).dir();
        claim(dir);
        pipeline.call("purge", null, Map.of(), String.class);
        System.out.printf("Simulated Ticketsauce at %s and Stripe at %s (seed %d, scale %s, faults %s, shape %s)%n",
                simulators.ticketsauce().baseUrl(), simulators.stripe().baseUrl(), simulator.seed, simulator.scale, simulator.faults,
                simulator.shape);
        System.out.print(pipeline.call("refresh", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), String.class));
        System.out.println();
        System.out.printf("Lake: %s%n", dir);
        LakeSummary.print(pipeline.context().getRegistry().lookupByNameAndType("lake", Lake.class), Metrics.load(), System.out);
        System.out.println();
        System.out.println("Query it, for example:");
        System.out.println("  ./tw query \"SELECT * FROM event_settlement ORDER BY event_start DESC LIMIT 10\"");
        System.out.println("  ./tw query \"SELECT status, count(*) FROM payment_reconciliation GROUP BY status\"");
        System.out.println("  ./tw status      (every table and run)");
        System.out.println();
        String port = new com.ticketwarehouse.settings.Settings(pipeline.context()).get("camel.server.port", "8480");
        System.out.println("See it on the dashboards (sales, event settlement, payments, attendance):");
        System.out.println("  ./tw serve" + (lake == null ? "" : " --lake " + dir) + "    then open http://127.0.0.1:" + port + "/ in a browser");
        System.out.println();
        System.out.println("Preview the reports (HTML, PDF and CSV into ./reports; docs/reports.md):");
        System.out.println("  ./tw report settlement" + (lake == null ? "" : " --lake " + dir) + "    and  ./tw report daily-sales --date YYYY-MM-DD");
        return 0;
    }

    private static void claim(Path dir) {
        try {
            boolean holdsData = false;
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    holdsData = entries.anyMatch(p -> !p.getFileName().toString().equals(MARKER));
                }
            }
            if (holdsData && !Files.exists(dir.resolve(MARKER))) {
                throw new IllegalStateException("the lake at " + dir + " holds data the demo did not make: "
                        + "point the demo elsewhere with --lake or TW_LAKE_DIR");
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "written by ./tw demo; the demo clears this lake when it runs again\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
