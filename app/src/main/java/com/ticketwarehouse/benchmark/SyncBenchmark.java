package com.ticketwarehouse.benchmark;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.archive.TimeRange;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.SimulatedAccount;
import com.ticketwarehouse.simulator.Simulators;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./tw benchmark --sync}: the requests of incremental syncs against what the changes need
 * and what the old system asked. The simulators run in this process, because the benchmark moves
 * the Stripe simulator's clock: a first sync reads everything; a day of sales, refunds and
 * disputes later a Stripe sync reads the changes, against a full re-read at the same moment; five
 * minutes later a sync-current (Ticketsauce's current window and Stripe's changes).
 */
final class SyncBenchmark {
    private SyncBenchmark() {
    }

    static int run(String scale, long seed, Map<String, String> settings) {
        // the simulated Stripe runs a little ahead of our clock: staging ranks a listed version by
        // when we fetched it and an event by when Stripe made it (see SyncTest)
        Instant first = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant dayLater = first.plus(Duration.ofDays(1));
        Instant fiveMinutesLater = dayLater.plus(Duration.ofMinutes(5));
        try (Simulators simulators = Simulators.start(seed, Scale.named(scale), FaultPlan.none(), fiveMinutesLater, 0, 0)) {
            Map<String, String> overrides = new LinkedHashMap<>(settings);
            overrides.putAll(SimulatedApis.settings(simulators));
            overrides.put("tw.progress", "false");
            // the requests and the load's own time are measured, not the tables
            overrides.put("tw.sync.transform", "false");
            try (Pipeline pipeline = Pipeline.start(overrides)) {
                Lake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", Lake.class);
                simulators.stripe().clock(first);
                LoadRun firstSync = sync(pipeline, "stripe", "all");

                simulators.stripe().clock(dayLater);
                long fewestStripeDay = fewestStripe(simulators, watermarks(lake), dayLater, true);
                LoadRun incremental = sync(pipeline, "stripe", "all");
                LoadRun reread = pipeline.call("load", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "all"), LoadRun.class);

                simulators.stripe().clock(fiveMinutesLater);
                long fewestStripeNow = fewestStripe(simulators, watermarks(lake), fiveMinutesLater, false);
                TimeRange current = TimeRange.of("current", LocalDate.now(ZoneOffset.UTC), null, null);
                SimulatedAccount account = simulators.account();
                long fewestTicketsauce = account.minimumTicketsauceRequests(current.eventsFrom(), current.eventsBefore());
                long old = account.oldSystemRequests(current.eventsFrom(), current.eventsBefore());
                long[] window = account.eventsAndOrders(current.eventsFrom(), current.eventsBefore());
                LoadRun syncCurrent = sync(pipeline, "all", "current");

                for (LoadRun run : new LoadRun[] {firstSync, incremental, reread, syncCurrent}) {
                    Benchmark.complete(run);
                }
                long fewest = fewestTicketsauce + fewestStripeNow;
                System.out.println("| sync-current, scale " + scale + " | window | requests: Ticketsauce + Stripe | fewest the changes need "
                        + "| ours / fewest | old system's pattern | old / ours | load s |");
                System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
                System.out.printf("| 5 minutes after a Stripe sync | %,d events, %,d orders | %,d: %,d + %,d | %,d | %.3f | %,d | %.1f | %.1f |%n",
                        window[0], window[1], syncCurrent.requests(), apiRequests(syncCurrent, "ticketsauce"), apiRequests(syncCurrent, "stripe"),
                        fewest, syncCurrent.requests() / (double) fewest, old, old / (double) syncCurrent.requests(), seconds(syncCurrent));
                System.out.println();
                System.out.println("| Stripe, scale " + scale + " | requests (fewest) | records | load s |");
                System.out.println("|---|---:|---:|---:|");
                System.out.printf("| first sync (everything) | %,d | %,d | %.1f |%n", firstSync.requests(), firstSync.records(), seconds(firstSync));
                System.out.printf("| full re-read a day later | %,d | %,d | %.1f |%n", reread.requests(), reread.records(), seconds(reread));
                System.out.printf("| incremental sync a day later | %,d (%,d) | %,d | %.1f |%n", incremental.requests(), fewestStripeDay,
                        incremental.records(), seconds(incremental));
                return 0;
            }
        }
    }

    private static LoadRun sync(Pipeline pipeline, String source, String timeRange) {
        return pipeline.call("sync", null, Map.of(Loads.SOURCE, source, Loads.TIME_RANGE, timeRange), LoadRun.class);
    }

    private static StripeSync.Watermarks watermarks(Lake lake) {
        return StripeSync.Watermarks.parse(lake.readState(StripeSync.STATE).orElseThrow());
    }

    /**
     * The fewest Stripe requests that read what changed since the watermarks, with no overlap: for
     * each list the pages of the objects created since its watermark (at least one request to
     * know there are none), and the pages of the events since the last sync; with the pending
     * balance transactions, those from the oldest still pending.
     */
    static long fewestStripe(Simulators simulators, StripeSync.Watermarks since, Instant until, boolean pending) {
        long requests = 0;
        for (String list : Entities.STRIPE_LISTS) {
            long from = since.lists().getOrDefault(list, Long.MIN_VALUE + 1);
            if (pending) {
                from = Math.min(from, since.pending().getOrDefault(list, Long.MAX_VALUE));
            }
            requests += pages(simulators.stripe().count(list, from, until.getEpochSecond()));
        }
        return requests + pages(simulators.stripe().count("events", since.events(), until.getEpochSecond()));
    }

    private static long pages(long objects) {
        return Math.max(1, (objects + 99) / 100);
    }

    private static long apiRequests(LoadRun run, String api) {
        try {
            return com.fasterxml.jackson.databind.json.JsonMapper.builder().build().readTree(run.manifestJson()).path("requests_by_api").path(api).asLong();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double seconds(LoadRun run) {
        return run.elapsed().toMillis() / 1000.0;
    }
}
