package com.ticketwarehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.benchmark.FloorComparison.Measured;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.Scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * {@code ./tw benchmark}: simulators in a JVM of their own, then load, crawl and transform in this
 * one; prints a Markdown row for BENCHMARKS.md (timings, rates, peak heap), then each source's load
 * and the whole load against their floor, the bare fetch-and-archive loop, in time and CPU.
 */
public final class Benchmark {
    private final String scale;
    private final long seed;
    private final int repeat;
    private final Map<String, String> settings;
    private final FloorComparison floors = new FloorComparison();
    private SimulatorProcess simulators;

    /**
     * @param repeat   how many times each floor and load runs, alternating; the medians are shown
     * @param settings settings over the configuration (the lake is the benchmark's own)
     */
    public Benchmark(String scale, long seed, int repeat, Map<String, String> settings) {
        Scale.named(scale);
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        this.scale = scale;
        this.seed = seed;
        this.repeat = repeat;
        this.settings = new LinkedHashMap<>(settings);
    }

    /**
     * @param lake the lake to fill, which must be empty; null for a temporary folder
     * @param keep whether to keep a temporary lake
     * @param cli  the command line's main class, which runs the simulators' process ({@code simulate})
     * @return the exit status: 1 when the lake misses data
     */
    public int run(Path lake, boolean keep, Class<?> cli) {
        return inLake(lake, keep, () -> loadCrawlTransform(cli));
    }

    /** {@code --sync}: incremental syncs against what the changes need (see {@link SyncBenchmark}). */
    public int syncs(Path lake, boolean keep) {
        return inLake(lake, keep, () -> SyncBenchmark.run(scale, seed, settings));
    }

    /**
     * {@code --aging}: a lake aged through simulated days, measured at the days asked (day 1, every 30th and the last when
     * none are), see {@link AgingBenchmark}.
     */
    public int aging(Path lake, boolean keep, int days, int syncEveryDays, int refreshEveryDays, Set<Integer> measuredDays) {
        return inLake(lake, keep, () -> AgingBenchmark.run(scale, seed, days, syncEveryDays, refreshEveryDays, measuredDays, repeat, settings));
    }

    private int inLake(Path lake, boolean keep, IntSupplier work) {
        boolean temporary = lake == null;
        Path dir = temporary ? temporaryFolder("tw-benchmark-") : requireEmpty(lake);
        settings.put("tw.lake.dir", dir.toString());
        try {
            return work.getAsInt();
        } finally {
            if (temporary && !keep) {
                deleteTree(dir);
            } else {
                System.err.println("tw: the benchmark's lake is kept at " + dir);
            }
        }
    }

    private int loadCrawlTransform(Class<?> cli) {
        try (SimulatorProcess running = SimulatorProcess.start(cli, scale, seed)) {
            simulators = running;
            settings.putAll(SimulatedApis.settings(simulators.environment()));
            for (int round = 1; round <= repeat; round++) {
                for (String source : FetchFloor.SOURCES) {
                    inThrowawayLake(pipeline -> {
                        floors.floor(source, Measured.of(() -> fetchFloor(pipeline, source)));
                        return measuredLoad(pipeline, source);
                    });
                }
                // the last round's whole load is the one crawled and transformed, in the benchmark's lake
                if (round < repeat) {
                    inThrowawayLake(pipeline -> measuredLoad(pipeline, FloorComparison.WHOLE));
                }
            }
            // peaks from here on: the pipeline's own heap, from its start to the end of the transform
            System.gc();
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            try (Pipeline pipeline = Pipeline.start(settings)) {
                return measure(pipeline);
            }
        }
    }

    /** A pipeline of its own on a lake of its own, both gone afterwards. */
    private <T> T inThrowawayLake(Function<Pipeline, T> work) {
        Path dir = temporaryFolder("tw-benchmark-");
        Map<String, String> overrides = new LinkedHashMap<>(settings);
        overrides.put("tw.lake.dir", dir.toString());
        try (Pipeline pipeline = Pipeline.start(overrides)) {
            return work.apply(pipeline);
        } finally {
            deleteTree(dir);
        }
    }

    /** The floor of one source, against the simulators and with the page sizes this pipeline's load uses. */
    private FetchFloor.Result fetchFloor(Pipeline pipeline, String source) {
        FetchFloor floor = new FetchFloor(key -> settings.containsKey(key) ? settings.get(key)
                : pipeline.context().getPropertiesComponent().resolveProperty(key).orElseThrow());
        Path folder = temporaryFolder("tw-floor-");
        try {
            return floor.fetch(source, folder);
        } finally {
            deleteTree(folder);
        }
    }

    /** A load of everything from the source; one that does not complete ends the benchmark. */
    private LoadRun measuredLoad(Pipeline pipeline, String source) {
        Measured<LoadRun> load = Measured.of(() -> pipeline.call("load", null, Map.of(Loads.SOURCE, source, Loads.TIME_RANGE, "all"), LoadRun.class));
        floors.load(source, load);
        return complete(load.result());
    }

    static LoadRun complete(LoadRun run) {
        if (!LoadRun.COMPLETE.equals(run.status())) {
            throw new IllegalStateException("load " + run.id() + " " + run.status() + ": " + run.error());
        }
        return run;
    }

    private int measure(Pipeline pipeline) {
        LoadRun run = measuredLoad(pipeline, FloorComparison.WHOLE);
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
