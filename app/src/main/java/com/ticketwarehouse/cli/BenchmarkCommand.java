package com.ticketwarehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.cli.FloorComparison.Measured;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.Scale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

@Command(name = "benchmark", description = "Load, crawl and transform from simulators running in a separate process, "
        + "and print the timings, rates and peak heap as a Markdown table for BENCHMARKS.md; then each source's load and the "
        + "whole load against their floor, the bare fetch-and-archive loop, in time and CPU.")
final class BenchmarkCommand extends PipelineCommand {
    @Option(names = "--scale", defaultValue = "benchmark",
            description = "small, medium, benchmark, or EVENTSxORDERS_PER_EVENT such as 40x30 (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--seed", defaultValue = "42", description = "the seed the data is generated from (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--keep", description = "keep the lake (by default a fresh temporary folder, deleted afterwards)")
    boolean keep;

    @Option(names = "--sync", description = "measure incremental syncs instead: a sync-current's requests against the fewest the changes "
            + "need and the old system's, and a Stripe sync after a day of activity against a full re-read (simulators in this process)")
    boolean sync;

    @Option(names = "--repeat", defaultValue = "1",
            description = "how many times each floor and load runs, alternating; the medians are shown (default: ${DEFAULT-VALUE})")
    int repeat;

    private SimulatorProcess simulators;
    private final FloorComparison floors = new FloorComparison();

    @Override
    public Integer call() {
        Scale.named(scale);
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        boolean temporary = lake == null;
        Path dir = temporary ? temporaryFolder("tw-benchmark-") : requireEmpty(Path.of(lake));
        lake = dir.toString();
        if (sync) {
            try {
                return SyncBenchmark.run(scale, seed, super.overrides());
            } finally {
                if (temporary && !keep) {
                    deleteTree(dir);
                }
            }
        }
        try (SimulatorProcess running = SimulatorProcess.start(scale, seed)) {
            simulators = running;
            for (int round = 1; round <= repeat; round++) {
                for (String source : FetchFloor.SOURCES) {
                    LoadRun run = inThrowawayLake(pipeline -> {
                        floors.floor(source, Measured.of(() -> fetchFloor(pipeline, source)));
                        return measuredLoad(pipeline, source);
                    });
                    if (!LoadRun.COMPLETE.equals(run.status())) {
                        return LoadCommand.report(run);
                    }
                }
                // the last round's whole load is the one crawled and transformed, in the benchmark's lake
                if (round < repeat) {
                    LoadRun run = inThrowawayLake(pipeline -> measuredLoad(pipeline, FloorComparison.WHOLE));
                    if (!LoadRun.COMPLETE.equals(run.status())) {
                        return LoadCommand.report(run);
                    }
                }
            }
            // peaks from here on: the pipeline's own heap, from its start to the end of the transform
            System.gc();
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            return super.call();
        } finally {
            if (temporary && !keep) {
                deleteTree(dir);
            } else {
                System.err.println("tw: the benchmark's lake is kept at " + dir);
            }
        }
    }

    @Override
    Map<String, String> overrides() {
        Map<String, String> overrides = super.overrides();
        overrides.putAll(SimulatorOptions.settings(simulators.environment()));
        return overrides;
    }

    /** A pipeline of its own on a lake of its own, both gone afterwards. */
    private <T> T inThrowawayLake(Function<Pipeline, T> work) {
        Path dir = temporaryFolder("tw-benchmark-");
        Map<String, String> overrides = overrides();
        overrides.put("tw.lake.dir", dir.toString());
        try (Pipeline pipeline = Pipeline.start(overrides)) {
            return work.apply(pipeline);
        } finally {
            deleteTree(dir);
        }
    }

    /** The floor of one source, against the simulators and with the page sizes this pipeline's load uses. */
    private FetchFloor.Result fetchFloor(Pipeline pipeline, String source) {
        Map<String, String> overrides = overrides();
        FetchFloor floor = new FetchFloor(key -> overrides.containsKey(key) ? overrides.get(key)
                : pipeline.context().getPropertiesComponent().resolveProperty(key).orElseThrow());
        Path folder = temporaryFolder("tw-floor-");
        try {
            return floor.fetch(source, folder);
        } finally {
            deleteTree(folder);
        }
    }

    private LoadRun measuredLoad(Pipeline pipeline, String source) {
        Measured<LoadRun> load = Measured.of(() -> LoadCommand.load(pipeline, source, "all", null, null));
        floors.load(source, load);
        return load.result();
    }

    @Override
    int run(Pipeline pipeline) {
        LoadRun run = measuredLoad(pipeline, FloorComparison.WHOLE);
        if (!LoadRun.COMPLETE.equals(run.status())) {
            return LoadCommand.report(run);
        }
        double loadSeconds = floors.medianLoadSeconds(FloorComparison.WHOLE);
        long started = System.nanoTime();
        pipeline.call("crawl", null, Map.of(), String.class);
        double crawlSeconds = secondsSince(started);
        started = System.nanoTime();
        String transformReport = pipeline.call("transform", null, Map.of(), String.class);
        double transformSeconds = secondsSince(started);
        long peakHeap = heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();

        DuckDbLake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
        long transformRows = 0;
        // a batch model is a view of one refresh, gone with it
        for (SqlModel model : SqlModels.load().stream().filter(m -> !m.batch()).toList()) {
            transformRows += lake.scalar("SELECT count(*) FROM " + model.name()).longValue();
        }
        System.err.print(transformReport);

        JsonNode truth = simulators.groundTruth();
        long orders = run.entities().get("ticketsauce/orders").records.get();
        System.out.println("| scale | data | requests (fewest possible) | load s | load records/s | load orders/s | archived MB "
                + "| archive objects | crawl s | crawl records/s | transform s | transform rows/s | peak heap MB (max) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.printf("| %s | %,d events, %,d orders, %,d tickets, %,d charges | %,d (%,d) | %.1f | %,.0f | %,.0f | %.1f "
                        + "| %,d | %.1f | %,.0f | %.1f | %,.0f | %,d (%,d) |%n",
                scale, truth.path("events").asLong(), truth.path("orders").asLong(), truth.path("tickets").asLong(),
                truth.path("charges").asLong(), run.requests(), simulators.minimumRequests(),
                loadSeconds, run.records() / loadSeconds, orders / loadSeconds, run.bytes() / 1e6,
                run.entities().values().stream().mapToLong(counts -> counts.files.get()).sum(), crawlSeconds, run.records() / crawlSeconds, transformSeconds, transformRows / transformSeconds,
                peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20);
        System.out.println();
        if (repeat > 1) {
            System.out.printf("Medians of %d runs, each source's floor and load alternating:%n%n", repeat);
        }
        floors.print();

        // a fast load that misses data is no result
        long ordersInLake = lake.scalar("SELECT count(*) FROM orders").longValue();
        if (ordersInLake != truth.path("orders").asLong()) {
            System.err.printf("tw: error: the lake holds %,d orders, the simulators %,d%n", ordersInLake, truth.path("orders").asLong());
            return 1;
        }
        return 0;
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A benchmark starts from nothing: crawl and transform would otherwise also read older runs. */
    private static Path requireEmpty(Path dir) {
        try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException("the lake at " + dir + " is not empty: give the benchmark a new folder, "
                        + "or leave out --lake for a temporary one");
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
