package com.ticketwarehouse.cli;

import com.ticketwarehouse.benchmark.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "benchmark", description = "Load, crawl and transform from simulators running in a separate process, "
        + "and print the timings, rates and peak heap as a Markdown table for BENCHMARKS.md; then each source's load and the "
        + "whole load against their floor, the bare fetch-and-archive loop, in time and CPU.")
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "benchmark",
            description = "small, medium, benchmark, or EVENTSxORDERS_PER_EVENT such as 40x30 (default: ${DEFAULT-VALUE})")
    String scale;

    @Option(names = "--seed", defaultValue = "42", description = "the seed the data is generated from (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--lake", description = "an empty folder for the lake (default: a fresh temporary folder, deleted afterwards)")
    String lake;

    @Option(names = "--keep", description = "keep the lake (by default a fresh temporary folder, deleted afterwards)")
    boolean keep;

    @Option(names = "--sync", description = "measure incremental syncs instead: a sync-current's requests against the fewest the changes "
            + "need and the old system's, and a Stripe sync after a day of activity against a full re-read (simulators in this process)")
    boolean sync;

    @Option(names = "--aging", description = "age a lake instead: the pipeline's and the Stripe simulator's clocks moved through --days "
            + "of syncs (a sync-current every --sync-every-days, the compaction and a refresh every --refresh-every-days), and at the "
            + "--measure-days, the time of a sync-current and its refresh, the refresh's store requests (and on the aws target the bytes "
            + "Athena scanned for it) and the raw objects a day adds (--repeat, at most 3: sync-currents measured five minutes apart and as "
            + "many an hour apart; simulators in this process)")
    boolean aging;

    @Option(names = "--days", defaultValue = "365", description = "with --aging: the days the lake ages (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--sync-every-days", defaultValue = "2",
            description = "with --aging: the days from one sync-current to the next, 1 to 4 (default: ${DEFAULT-VALUE})")
    int syncEveryDays;

    @Option(names = "--refresh-every-days", defaultValue = "7",
            description = "with --aging: the days from one compaction and refresh to the next between measured days (default: ${DEFAULT-VALUE})")
    int refreshEveryDays;

    @Option(names = "--measure-days", split = ",", description = "with --aging: the days measured, such as 1,30,365 (default: day 1, every 30th and the last)")
    Set<Integer> measureDays = Set.of();

    @Option(names = "--repeat", defaultValue = "1",
            description = "how many times each floor and load runs, alternating; the medians are shown (default: ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() {
        Benchmark benchmark = new Benchmark(scale, seed, repeat, Map.of());
        Path dir = lake == null ? null : Path.of(lake);
        return aging ? benchmark.aging(dir, keep, days, syncEveryDays, refreshEveryDays, measureDays) : sync ? benchmark.syncs(dir, keep) : benchmark.run(dir, keep, Tw.class);
    }
}
