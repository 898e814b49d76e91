package com.ticketwarehouse;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.GroundTruth;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline against the simulators with faults on, and the account shaped as real ones are
 * (optional fields left out, values in other JSON types, check-ins of tickets nobody sold): every
 * count and money total of the marts equals the simulator's ground truth to the cent; a second load
 * adds nothing; a load interrupted part-way and run again ends with the same tables as a clean run.
 */
public class EndToEndTest {
    static final long SEED = 7;
    static final Scale SCALE = Scale.named("16x30");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public static final DataShape SHAPE = DataShape.varied();
    static final List<String> MARTS = List.of("events", "orders", "tickets", "ticket_types", "checkins", "stripe_charges",
            "stripe_refunds", "stripe_balance_transactions", "stripe_payouts", "stripe_disputes", "ticket_sales",
            "event_settlement", "daily_sales", "payment_reconciliation");

    @AutoClose
    static Simulators simulators;
    static GroundTruth truth;
    static DuckDbLake cleanLake;
    static LoadRun cleanRun;
    static Map<String, String> cleanTables;

    @TempDir
    static Path lakes;

    @BeforeAll
    static void cleanRun() {
        simulators = Simulators.start(SEED, SCALE, FaultPlan.typical(), SHAPE, NOW, 0, 0);
        truth = simulators.groundTruth();
        try (Pipeline pipeline = Pipeline.start(settings(simulators, lakes.resolve("clean")))) {
            cleanRun = load(pipeline);
            refresh(pipeline);
            cleanLake = lake(pipeline);
        }
        cleanTables = tables(cleanLake);
    }

    @Test
    void marts_equal_the_ground_truth_to_the_cent() {
        assertThat(cleanRun.status()).isEqualTo(LoadRun.COMPLETE);
        assertEqualsGroundTruth(cleanLake, truth);
    }

    @Test
    void the_account_sent_what_the_reference_does_not_promise_and_nothing_was_quarantined() {
        assertThat(count("raw_ticketsauce_orders WHERE \"Order\".promo_code IS NOT NULL")).as("no order carries a promo code").isZero();
        assertThat(count("orders WHERE promo_code IS NOT NULL")).as("the promo codes come from the tickets").isPositive();
        assertThat(count("raw_ticketsauce_orders WHERE \"Order\".phone IS NULL")).as("a field sent only sometimes").isPositive();
        assertThat(count("raw_stripe_charges WHERE metadata = '[]'")).as("[] where an object was").isPositive();
        assertThat(count("raw_stripe_charges WHERE created LIKE '\"%'")).as("a number sent as text reads as the same text").isZero();
        assertThat(truth.unknownCheckins()).as("check-ins of tickets nobody sold").isPositive();
        assertThat(count("quarantine")).isZero();
        assertThat(cleanRun.undefinedFields()).as("every field sent is one the raw tables define").isEmpty();
    }

    @Test
    void the_reference_shape_equals_its_ground_truth_too() {
        try (Simulators reference = Simulators.start(SEED, SCALE, FaultPlan.none(), DataShape.reference(), NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(reference, lakes.resolve("reference")))) {
            assertThat(load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            refresh(pipeline);
            assertThat(reference.groundTruth().unknownCheckins()).isZero();
            assertEqualsGroundTruth(lake(pipeline), reference.groundTruth());
        }
    }

    static void assertEqualsGroundTruth(DuckDbLake lake, GroundTruth truth) {
        java.util.function.ToLongFunction<String> count = from -> lake.scalar("SELECT count(*) FROM " + from).longValue();
        java.util.function.Function<String, BigDecimal> money = expression -> {
            BigDecimal value = lake.scalar("SELECT " + expression);
            return value == null ? BigDecimal.ZERO : value;
        };
        assertThat(truth.events()).isPositive();
        assertThat(count.applyAsLong("events")).isEqualTo(truth.events());
        assertThat(count.applyAsLong("orders")).isEqualTo(truth.orders());
        assertThat(count.applyAsLong("tickets")).isEqualTo(truth.tickets());
        assertThat(count.applyAsLong("ticket_sales")).isEqualTo(truth.tickets());
        assertThat(count.applyAsLong("tickets WHERE face_value = 0")).isEqualTo(truth.compTickets());
        assertThat(count.applyAsLong("checkins WHERE sold")).isEqualTo(truth.checkins());
        assertThat(count.applyAsLong("checkins WHERE NOT sold")).isEqualTo(truth.unknownCheckins());
        assertThat(lake.scalar("SELECT sum(tickets_checked_in) FROM events").longValue()).as("only sold tickets are attendance")
                .isEqualTo(truth.checkins());
        assertThat(lake.scalar("SELECT sum(unknown_checkins) FROM events").longValue()).isEqualTo(truth.unknownCheckins());
        assertThat(money.apply("sum(face_value) FROM tickets")).isEqualByComparingTo(truth.faceValue());
        assertThat(money.apply("sum(total_fees) FROM tickets")).isEqualByComparingTo(truth.totalFees());
        assertThat(money.apply("sum(total) FROM tickets")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(money.apply("sum(total_paid) FROM orders")).isEqualByComparingTo(truth.totalPaid());
        assertThat(money.apply("sum(total) FROM event_settlement")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(money.apply("sum(total) FROM daily_sales")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(truth.feesByKey()).isNotEmpty();
        truth.feesByKey().forEach((key, amount) -> {
            String column = key.equals("venue_fee") ? "service_charge" : key;
            assertThat(money.apply("sum(" + column + ") FROM ticket_sales")).as(key).isEqualByComparingTo(amount);
        });
        assertThat(money.apply("sum(other_fees) FROM tickets")).isEqualByComparingTo(BigDecimal.ZERO);

        assertThat(count.applyAsLong("stripe_charges")).isEqualTo(truth.charges());
        assertThat(count.applyAsLong("stripe_charges WHERE sales_channel = 'other'")).isEqualTo(truth.otherChannelCharges());
        assertThat(count.applyAsLong("stripe_charges WHERE status = 'failed'")).isEqualTo(truth.failedCharges());
        assertThat(money.apply("sum(amount) FROM stripe_charges WHERE status = 'succeeded'")).isEqualByComparingTo(truth.chargedAmount());
        assertThat(count.applyAsLong("stripe_refunds")).isEqualTo(truth.refunds());
        assertThat(money.apply("sum(amount) FROM stripe_refunds")).isEqualByComparingTo(truth.refundedAmount());
        assertThat(count.applyAsLong("stripe_disputes")).isEqualTo(truth.disputes());
        assertThat(money.apply("sum(amount) FROM stripe_disputes")).isEqualByComparingTo(truth.disputedAmount());
        assertThat(count.applyAsLong("stripe_balance_transactions")).isEqualTo(truth.balanceTransactions());
        assertThat(money.apply("sum(fee) FROM stripe_balance_transactions")).isEqualByComparingTo(truth.stripeFees());
        assertThat(count.applyAsLong("stripe_payouts")).isEqualTo(truth.payouts());
        assertThat(money.apply("sum(amount) FROM stripe_payouts")).isEqualByComparingTo(truth.payoutAmount());

        Map<String, Long> reconciliation = new LinkedHashMap<>();
        for (String status : GroundTruth.RECONCILIATION_STATUSES) {
            reconciliation.put(status, count.applyAsLong("payment_reconciliation WHERE status = '" + status + "'"));
        }
        assertThat(reconciliation).isEqualTo(withZeros(truth.reconciliation()));
        assertThat(count.applyAsLong("payment_reconciliation")).isEqualTo(reconciliation.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void the_load_retried_through_faults_and_asked_little_more_than_the_data_needs() {
        assertThat(simulators.ticketsauce().requestCount() + simulators.stripe().requestCount())
                .as("faults were injected, so some requests were retries").isGreaterThan(simulators.minimumRequests());
        assertThat(cleanRun.requests()).isGreaterThanOrEqualTo(simulators.minimumRequests())
                .isLessThan(simulators.minimumRequests() * 3 / 2);
        assertThat(truth.ordersWithoutTickets()).as("orders whose tickets came from their details").isPositive();
    }

    @Test
    void a_second_load_adds_nothing() {
        Path dir = lakes.resolve("twice");
        try (Pipeline pipeline = Pipeline.start(settings(simulators, dir))) {
            LoadRun first = load(pipeline);
            LoadRun second = load(pipeline);
            assertThat(first.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(second.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(second.fetched()).as("the second run fetched everything again").isEqualTo(first.fetched()).isEqualTo(first.records());
            assertThat(second.records()).as("and archived none of it: nothing changed").isZero();
            assertThat(second.entities().values()).allSatisfy(c -> assertThat(c.files.get()).isZero());
            refresh(pipeline);
            DuckDbLake lake = lake(pipeline);
            assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders").longValue())
                    .as("each order archived once, by the run that first saw it").isEqualTo(truth.orders());
            assertThat(lake.scalar("SELECT count(DISTINCT run_id) FROM raw_ticketsauce_orders").longValue()).isOne();
            assertThat(tables(lake)).isEqualTo(cleanTables);
        }
    }

    @Test
    void a_record_that_changed_is_archived_once_by_the_next_load() {
        Path dir = lakes.resolve("changed");
        Instant dayBefore = NOW.minus(java.time.Duration.ofDays(1));
        try (Simulators own = Simulators.start(SEED, SCALE, FaultPlan.none(), SHAPE, NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(own, dir))) {
            own.stripe().clock(dayBefore);
            LoadRun first = load(pipeline);
            own.stripe().clock(NOW);
            LoadRun second = load(pipeline);
            LoadRun third = load(pipeline);
            long firstCharges = first.entities().get("stripe/charges").records.get();
            long changed = second.entities().get("stripe/charges").records.get();
            assertThat(changed).as("a day's new and changed charges").isPositive().isLessThan(firstCharges / 2);
            assertThat(second.entities().get("stripe/charges").fetched.get()).isGreaterThan(firstCharges);
            assertThat(third.records()).as("nothing changed since").isZero();
            refresh(pipeline);
            DuckDbLake lake = lake(pipeline);
            assertThat(lake.scalar("SELECT count(*) FROM raw_stripe_charges").longValue()).isEqualTo(firstCharges + changed);
            assertThat(lake.scalar("SELECT count(*) FROM (SELECT DISTINCT * EXCLUDE (tw_fetched_at, run_id, load_date) FROM raw_stripe_charges)")
                    .longValue()).as("every version once").isEqualTo(firstCharges + changed);
            assertEqualsGroundTruth(lake, own.groundTruth());
        }
    }

    @Test
    void an_interrupted_load_then_a_rerun_equals_a_clean_run() throws Exception {
        Path dir = lakes.resolve("interrupted");
        try (Simulators own = Simulators.start(SEED, SCALE, FaultPlan.none(), SHAPE, NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(own, dir))) {
            CompletableFuture<LoadRun> interrupted = CompletableFuture.supplyAsync(() -> load(pipeline));
            while (own.ticketsauce().requestCount() < 20 && !interrupted.isDone()) {
                Thread.sleep(2);
            }
            own.faults().serverErrorEvery(1);
            LoadRun failed = interrupted.get();
            assertThat(failed.status()).isEqualTo(LoadRun.FAILED);
            assertThat(failed.error()).contains("HTTP 5");
            assertThat(failed.records()).as("part of the data was archived").isPositive();
            assertNeverDataAndMadeGoodByTheNextLoad(pipeline, own, "a failed run is never taken as data");
        }
    }

    @Test
    void a_load_stopped_at_its_deadline_is_never_taken_as_data_and_the_next_run_completes_it() throws Exception {
        Path dir = lakes.resolve("deadline");
        try (Simulators own = Simulators.start(SEED, SCALE, FaultPlan.none(), SHAPE, NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(own, dir))) {
            // every answer slow, so that the deadline falls in the middle of the load: five answers' time, so that a
            // busy machine's slower start (the first pages of a fresh pipeline) still leaves pages archived before it
            own.faults().slowEvery(1, 500);
            Instant deadline = Instant.now().plusMillis(2500);
            LoadRun stopped = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all", Loads.DEADLINE, deadline),
                    LoadRun.class);
            Instant returned = Instant.now();
            assertThat(stopped.status()).isEqualTo(LoadRun.STOPPED);
            assertThat(stopped.error()).contains("stopped taking pages at its deadline");
            assertThat(stopped.records()).as("part of the data was archived").isPositive();
            assertThat(returned).as("in-flight pages finish, nothing more").isBefore(deadline.plusSeconds(5));
            assertNeverDataAndMadeGoodByTheNextLoad(pipeline, own, "a stopped run is never taken as data");
            assertThat(lake(pipeline).scalar("SELECT count(*) FROM load_runs WHERE status = 'stopped' AND run_id = '" + stopped.id() + "'")
                    .longValue()).isOne();
        }
    }

    /**
     * A run that did not complete left archives that are never data; with the faults off, the next
     * load makes the tables those of a clean run.
     */
    private void assertNeverDataAndMadeGoodByTheNextLoad(Pipeline pipeline, Simulators own, String never) {
        refresh(pipeline);
        DuckDbLake lake = lake(pipeline);
        assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders").longValue()).isPositive();
        assertThat(lake.scalar("SELECT count(*) FROM orders").longValue()).as(never).isZero();

        own.faults().disableAll();
        assertThat(load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
        refresh(pipeline);
        assertThat(tables(lake)).isEqualTo(cleanTables);
    }

    @Test
    void a_lake_copied_under_a_path_with_a_quote_and_a_bracket_reads_its_own_files_after_the_original_is_gone() throws Exception {
        Path original = lakes.resolve("original");
        copy(cleanLake.dir(), original);
        Path copy = lakes.resolve("it's [a] copy*");
        copy(original, copy);
        deleteTree(original);
        DuckDbLake copied = new DuckDbLake(copy, Entities.ALL, ".writing-");
        assertThat(tables(copied)).isEqualTo(cleanTables);
        assertThat(copied.scalar("SELECT count(*) FROM raw_ticketsauce_orders")).isEqualTo(cleanLake.scalar("SELECT count(*) FROM raw_ticketsauce_orders"));
        try (Pipeline pipeline = Pipeline.start(settings(simulators, copy))) {
            refresh(pipeline);
            assertThat(tables(lake(pipeline))).isEqualTo(cleanTables);
            assertThat(pipeline.call("status", null, Map.of(), String.class)).contains("lake: " + copy, cleanRun.id() + " complete");
        }
    }

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public static Map<String, String> settings(Simulators simulators, Path lake) {
        Map<String, String> settings = new LinkedHashMap<>(SimulatedApis.settings(simulators));
        settings.put("tw.lake.dir", lake.toString());
        settings.put("tw.progress", "false");
        settings.put("tw.http.retries", "4");
        settings.put("tw.http.retry-delay-ms", "5");
        return settings;
    }

    public static LoadRun load(Pipeline pipeline) {
        return pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
    }

    /** Crawl, then transform: the tables made from what the lake holds. */
    public static void refresh(Pipeline pipeline) {
        pipeline.call("crawl", null, Map.of(), String.class);
        pipeline.call("transform", null, Map.of(), String.class);
    }

    /** A complete load of everything into a new lake at {@code dir}, crawled and transformed: its tables, for runs to be compared with. */
    public static Map<String, String> cleanLoadTables(Simulators simulators, Path dir) {
        try (Pipeline pipeline = Pipeline.start(settings(simulators, dir))) {
            assertThat(load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            refresh(pipeline);
            return tables(lake(pipeline));
        }
    }

    static DuckDbLake lake(Pipeline pipeline) {
        return pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
    }

    /** Every mart, sorted, as CSV: two lakes hold the same tables when these are equal. */
    public static Map<String, String> tables(DuckDbLake lake) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String mart : MARTS) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            lake.query("SELECT * FROM " + mart + " ORDER BY ALL", new PrintStream(csv, true, StandardCharsets.UTF_8));
            tables.put(mart, csv.toString(StandardCharsets.UTF_8));
        }
        return tables;
    }

    static long count(String from) {
        return cleanLake.scalar("SELECT count(*) FROM " + from).longValue();
    }

    static Map<String, Long> withZeros(Map<String, Long> counts) {
        Map<String, Long> all = new LinkedHashMap<>();
        GroundTruth.RECONCILIATION_STATUSES.forEach(s -> all.put(s, counts.getOrDefault(s, 0L)));
        return all;
    }
}
