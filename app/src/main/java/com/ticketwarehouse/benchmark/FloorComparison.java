package com.ticketwarehouse.benchmark;

import com.ticketwarehouse.archive.LoadRun;

import com.ticketwarehouse.benchmark.FetchFloor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Loads against their floor ({@link FetchFloor}), per source and for the whole load (whose floor is
 * both sources' floors one after the other), over the benchmark's repetitions: medians of the wall
 * and CPU times, as a Markdown table.
 */
final class FloorComparison {
    static final String WHOLE = "all";

    /** One piece of work: its result, its wall time and this process's CPU time during it (the simulators run in another). */
    record Measured<T>(T result, double seconds, double cpuSeconds) {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        static <T> Measured<T> of(Supplier<T> work) {
            // what earlier work left on the heap is not this work's to collect
            System.gc();
            long cpu = OS.getProcessCpuTime();
            long started = System.nanoTime();
            T result = work.get();
            return new Measured<>(result, (System.nanoTime() - started) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
        }
    }

    private final Map<String, List<Measured<FetchFloor.Result>>> floors = new LinkedHashMap<>();
    private final Map<String, List<Measured<LoadRun>>> loads = new LinkedHashMap<>();

    void floor(String source, Measured<FetchFloor.Result> floor) {
        floors.computeIfAbsent(source, s -> new ArrayList<>()).add(floor);
    }

    void load(String source, Measured<LoadRun> load) {
        loads.computeIfAbsent(source, s -> new ArrayList<>()).add(load);
    }

    double medianLoadSeconds(String source) {
        return median(loads.get(source), Measured::seconds);
    }

    /** Prints the table; a floor that made other requests or found other records than its load is named on standard error. */
    void print() {
        System.out.println("| source | records | requests: load / floor | floor s | load s | load / floor throughput "
                + "| floor CPU s | load CPU s | CPU per record: load / floor |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String source : FetchFloor.SOURCES) {
            row(source, floors.get(source), loads.get(source));
        }
        row(WHOLE, wholeFloors(), loads.get(WHOLE));
    }

    /** Both sources' floors of each repetition, one after the other. */
    private List<Measured<FetchFloor.Result>> wholeFloors() {
        List<Measured<FetchFloor.Result>> whole = new ArrayList<>();
        List<Measured<FetchFloor.Result>> first = floors.get(FetchFloor.SOURCES.get(0)), second = floors.get(FetchFloor.SOURCES.get(1));
        for (int i = 0; i < first.size(); i++) {
            Measured<FetchFloor.Result> a = first.get(i), b = second.get(i);
            whole.add(new Measured<>(a.result().plus(b.result()), a.seconds() + b.seconds(), a.cpuSeconds() + b.cpuSeconds()));
        }
        return whole;
    }

    private static void row(String source, List<Measured<FetchFloor.Result>> floor, List<Measured<LoadRun>> load) {
        FetchFloor.Result fetched = floor.get(floor.size() - 1).result();
        LoadRun run = load.get(load.size() - 1).result();
        for (int i = 0; i < floor.size(); i++) {
            FetchFloor.Result f = floor.get(i).result();
            LoadRun r = load.get(i).result();
            if (f.requests() != r.requests() || f.records() != r.records()) {
                System.err.printf("tw: warning: %s: the load made %,d requests for %,d records, its floor %,d for %,d%n",
                        source, r.requests(), r.records(), f.requests(), f.records());
            }
        }
        double floorSeconds = median(floor, Measured::seconds), loadSeconds = median(load, Measured::seconds);
        double floorCpu = median(floor, Measured::cpuSeconds), loadCpu = median(load, Measured::cpuSeconds);
        System.out.printf("| %s | %,d | %,d / %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                source.equals(WHOLE) ? "whole load" : source, run.records(), run.requests(), fetched.requests(),
                floorSeconds, loadSeconds, floorSeconds / loadSeconds, floorCpu, loadCpu,
                (loadCpu / run.records()) / (floorCpu / fetched.records()));
    }

    private static <T> double median(List<Measured<T>> samples, ToDoubleFunction<Measured<T>> value) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
