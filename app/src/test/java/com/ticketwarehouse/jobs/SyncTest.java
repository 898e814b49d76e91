package com.ticketwarehouse.jobs;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.SimulatedLakes;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.GroundTruth;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Incremental syncs against the lakes.simulators(), whose Stripe clock is set back and moved on: a full
 * sync, a day (or a month) of sales, refunds and disputes, then a sync that reads only what changed
 * must end with the same tables as a clean full load, to the cent, also after a sync that failed,
 * stopped or crashed before its watermark; and runs that overlap never put an older version back.
 */
class SyncTest {
    static final long SEED = 7;
    static final Scale SCALE = Scale.named("16x30");
    /**
     * Staging ranks a listed version by when we fetched it and an event by when Stripe made it, so
     * the simulated Stripe must not run behind our clock: the first sync sees the account as it
     * is a few minutes ahead (after every page that sync fetches), the next one a day later.
     */
    static final Instant DAY_BEFORE = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant NOW = DAY_BEFORE.plus(Duration.ofDays(1));

    @RegisterExtension
    static final SimulatedLakes lakes = new SimulatedLakes(SEED, SCALE, NOW).withCleanLoad();
    static GroundTruth truth;

    @BeforeAll
    static void cleanFullLoad() {
        truth = lakes.simulators().groundTruth();
    }

    static LoadRun sync(Pipeline pipeline) {
        return pipeline.call("sync", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
    }

    static DuckDbLake lake(Pipeline pipeline) {
        return pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
    }

    static long scalar(DuckDbLake lake, String sql) {
        return lake.scalar(sql).longValue();
    }

    static StripeSync.Watermarks watermarks(DuckDbLake lake) {
        return StripeSync.Watermarks.parse(lake.readState(StripeSync.STATE).orElseThrow());
    }

    @Test
    void a_sync_after_a_day_of_activity_reads_only_the_changes_and_equals_a_full_load_to_the_cent() {
        try (Simulators own = Simulators.start(SEED, SCALE, FaultPlan.typical(), NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(own, lakes.lake("incremental")))) {
            own.stripe().clock(DAY_BEFORE);
            LoadRun full = sync(pipeline);
            assertThat(full.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(full.increment().note()).contains("first sync, reading everything");
            DuckDbLake lake = lake(pipeline);
            assertThat(watermarks(lake).events()).isEqualTo(full.startedAt().getEpochSecond());
            assertThat(scalar(lake, "SELECT count(*) FROM stripe_charges")).as("the sync transformed").isLessThan(truth.charges());

            own.stripe().clock(NOW);
            LoadRun incremental = sync(pipeline);
            assertThat(incremental.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(((StripeSync) incremental.increment()).full()).isFalse();
            assertThat(incremental.entities().get("stripe/events").records.get()).as("the day's events").isPositive();
            assertThat(incremental.entities().get("stripe/charges").records.get()).as("the day's charges and the overlap")
                    .isPositive().isLessThan(full.entities().get("stripe/charges").records.get() / 10);
            assertThat(watermarks(lake).runId()).isEqualTo(incremental.id());

            assertSameTables(lake);
            assertThat(lake.scalar("SELECT sum(amount) FROM stripe_charges WHERE status = 'succeeded'")).isEqualByComparingTo(truth.chargedAmount());
            assertThat(lake.scalar("SELECT sum(amount) FROM stripe_refunds")).isEqualByComparingTo(truth.refundedAmount());
            assertThat(lake.scalar("SELECT sum(amount) FROM stripe_disputes")).isEqualByComparingTo(truth.disputedAmount());
            assertThat(lake.scalar("SELECT sum(fee) FROM stripe_balance_transactions")).isEqualByComparingTo(truth.stripeFees());
            assertThat(lake.scalar("SELECT sum(amount) FROM stripe_payouts")).isEqualByComparingTo(truth.payoutAmount());
            for (Map.Entry<String, Long> status : truth.reconciliation().entrySet()) {
                assertThat(scalar(lake, "SELECT count(*) FROM payment_reconciliation WHERE status = '" + status.getKey() + "'"))
                        .as(status.getKey()).isEqualTo(status.getValue());
            }
        }
    }

    @Test
    void a_watermark_older_than_the_events_stripe_keeps_means_a_full_read_that_says_so() {
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), lakes.lake("stale")))) {
            DuckDbLake lake = lake(pipeline);
            lake.writeState(StripeSync.STATE, new StripeSync.Watermarks(Map.of("charges", NOW.minus(Duration.ofDays(40)).getEpochSecond()),
                    Map.of(), NOW.minus(Duration.ofDays(40)).getEpochSecond(), "old").json());
            LoadRun run = sync(pipeline);
            assertThat(run.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(((StripeSync) run.increment()).full()).isTrue();
            assertThat(run.increment().note()).contains("older than the 30 days Stripe keeps events: reading everything");
            assertThat(run.entities().get("stripe/charges").records.get()).isEqualTo(truth.charges());
            assertSameTables(lake);
        }
    }

    @Test
    void a_sync_that_failed_stopped_or_crashed_before_its_watermark_is_made_good_by_the_next() throws Exception {
        try (Simulators own = Simulators.start(SEED, SCALE, FaultPlan.none(), NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(own, lakes.lake("crashes")))) {
            DuckDbLake lake = lake(pipeline);
            own.stripe().clock(DAY_BEFORE);
            assertThat(sync(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            byte[] before = lake.readState(StripeSync.STATE).orElseThrow();
            own.stripe().clock(NOW);

            // a sync that fails part-way (the API goes down)
            long start = own.ticketsauce().requestCount();
            CompletableFuture<LoadRun> failing = CompletableFuture.supplyAsync(() -> sync(pipeline));
            while (own.ticketsauce().requestCount() < start + 10 && !failing.isDone()) {
                Thread.sleep(2);
            }
            own.faults().serverErrorEvery(1);
            LoadRun failed = failing.get();
            own.faults().disableAll();
            assertThat(failed.status()).isEqualTo(LoadRun.FAILED);
            assertThat(lake.readState(StripeSync.STATE).orElseThrow()).as("the watermark stays").isEqualTo(before);

            // a sync asked to stop (the runner stopping), as Ctrl-C stops a load
            Loads loads = pipeline.context().getRegistry().lookupByNameAndType("loads", Loads.class);
            own.faults().slowEvery(1, 20);
            CompletableFuture<LoadRun> stopping = CompletableFuture.supplyAsync(() -> sync(pipeline));
            start = own.ticketsauce().requestCount();
            while (own.ticketsauce().requestCount() < start + 5 && !stopping.isDone()) {
                Thread.sleep(2);
            }
            loads.stopAll("a test");
            LoadRun stopped = stopping.get();
            own.faults().disableAll();
            assertThat(stopped.status()).isEqualTo(LoadRun.FAILED);
            assertThat(stopped.error()).contains("stopped before its end (a test)");
            assertThat(lake.readState(StripeSync.STATE).orElseThrow()).isEqualTo(before);

            // a sync that reached its deadline (a Lambda invocation's end) is stopped, not complete
            LoadRun late = pipeline.call("sync", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all", Loads.DEADLINE, Instant.now()),
                    LoadRun.class);
            assertThat(late.status()).isEqualTo(LoadRun.STOPPED);
            assertThat(lake.readState(StripeSync.STATE).orElseThrow()).isEqualTo(before);

            // a sync that completed but crashed before it wrote its watermark
            assertThat(sync(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            assertSameTables(lake);
            lake.writeState(StripeSync.STATE, before);
            assertThat(sync(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            assertSameTables(lake);
        }
    }

    /**
     * Run A starts first and reads Stripe as it is now, but its answers come late; run B starts
     * later, reads Stripe as it was a month ago before A's answers arrive, and finishes last. Both
     * "the latest run" and "the run that finished last" would keep B's older versions.
     */
    @Test
    void overlapping_runs_never_put_an_older_version_back() throws Exception {
        Path dir = lakes.lake("overlap");
        try (Simulators now = Simulators.start(SEED, SCALE, FaultPlan.none().slowEvery(1, 2500), NOW, 0, 0);
             Simulators monthAgo = Simulators.start(SEED, SCALE, FaultPlan.none(), NOW, 0, 0);
             Simulators slowTicketsauce = Simulators.start(SEED, SCALE, FaultPlan.none().slowEvery(1, 500), NOW, 0, 0);
             Pipeline a = Pipeline.start(EndToEndTest.settings(now, dir));
             Pipeline b = Pipeline.start(settingsOf(monthAgo, slowTicketsauce, dir))) {
            monthAgo.stripe().clock(NOW.minus(Duration.ofDays(30)));
            CompletableFuture<LoadRun> runA = CompletableFuture.supplyAsync(() ->
                    a.call("load", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "all"), LoadRun.class));
            Thread.sleep(1100);
            LoadRun runB = b.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
            LoadRun doneA = runA.get();
            assertThat(doneA.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(runB.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(doneA.id()).as("A started first").isLessThan(runB.id());
            assertThat(doneA.finishedAt()).as("B finished last").isBefore(runB.finishedAt());

            EndToEndTest.refresh(b);
            DuckDbLake lake = lake(b);
            assertThat(scalar(lake, "SELECT max(tw_fetched_at) FROM raw_stripe_charges WHERE run_id = '" + runB.id() + "'"))
                    .as("B read its charges before A's answers came").isLessThan(
                            scalar(lake, "SELECT min(tw_fetched_at) FROM raw_stripe_charges WHERE run_id = '" + doneA.id() + "'"));
            assertThat(scalar(lake, "SELECT count(*) FROM (SELECT id FROM raw_stripe_charges GROUP BY id HAVING count(DISTINCT amount_refunded) > 1)"))
                    .as("charges refunded in the month: their two versions differ").isPositive();
            assertSameTables(lake);
        }
    }

    /** Every mart equal to the clean full load's; a difference is shown as the rows only one side has. */
    static void assertSameTables(DuckDbLake lake) {
        Map<String, String> tables = EndToEndTest.tables(lake);
        StringBuilder differences = new StringBuilder();
        lakes.cleanTables().forEach((mart, clean) -> {
            java.util.Set<String> expected = new java.util.LinkedHashSet<>(clean.lines().toList());
            java.util.Set<String> actual = new java.util.LinkedHashSet<>(tables.get(mart).lines().toList());
            if (!expected.equals(actual) || clean.lines().count() != tables.get(mart).lines().count()) {
                differences.append(mart).append(": only in the full load ")
                        .append(expected.stream().filter(l -> !actual.contains(l)).limit(3).toList())
                        .append(", only here ").append(actual.stream().filter(l -> !expected.contains(l)).limit(3).toList()).append('\n');
            }
        });
        assertThat(differences.toString()).as("tables that differ from a clean full load").isEmpty();
    }

    static Map<String, String> settingsOf(Simulators stripe, Simulators ticketsauce, Path dir) {
        Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(ticketsauce, dir));
        settings.put("stripe.base-url", stripe.stripe().baseUrl());
        settings.put("ticketsauce.concurrency", "1");
        return settings;
    }
}
