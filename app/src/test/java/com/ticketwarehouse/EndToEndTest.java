package com.ticketwarehouse;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.cli.SimulatorOptions;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.GroundTruth;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline against the simulators with faults on: every count and money total of the
 * marts equals the simulator's ground truth to the cent; a second load adds nothing; a load
 * interrupted part-way and run again ends with the same tables as a clean run.
 */
public class EndToEndTest {
    static final long SEED = 7;
    static final Scale SCALE = Scale.named("16x30");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final List<String> MARTS = List.of("events", "orders", "tickets", "ticket_types", "checkins", "stripe_charges",
            "stripe_refunds", "stripe_balance_transactions", "stripe_payouts", "stripe_disputes", "ticket_sales",
            "event_settlement", "daily_sales", "payment_reconciliation");

    static Simulators simulators;
    static GroundTruth truth;
    static DuckDbLake cleanLake;
    static LoadRun cleanRun;
    static Map<String, String> cleanTables;

    @TempDir
    static Path lakes;

    @BeforeAll
    static void cleanRun() {
        simulators = Simulators.start(SEED, SCALE, FaultPlan.typical(), NOW, 0, 0);
        truth = simulators.groundTruth();
        try (Pipeline pipeline = Pipeline.start(settings(simulators, lakes.resolve("clean")))) {
            cleanRun = load(pipeline);
            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
            cleanLake = lake(pipeline);
        }
        cleanTables = tables(cleanLake);
    }

    @AfterAll
    static void stop() {
        simulators.close();
    }

    @Test
    void marts_equal_the_ground_truth_to_the_cent() {
        assertThat(cleanRun.status()).isEqualTo(LoadRun.COMPLETE);
        assertThat(truth.events()).isPositive();
        assertThat(count("events")).isEqualTo(truth.events());
        assertThat(count("orders")).isEqualTo(truth.orders());
        assertThat(count("tickets")).isEqualTo(truth.tickets());
        assertThat(count("ticket_sales")).isEqualTo(truth.tickets());
        assertThat(count("tickets WHERE face_value = 0")).isEqualTo(truth.compTickets());
        assertThat(count("checkins")).isEqualTo(truth.checkins());
        assertThat(money("sum(face_value) FROM tickets")).isEqualByComparingTo(truth.faceValue());
        assertThat(money("sum(total_fees) FROM tickets")).isEqualByComparingTo(truth.totalFees());
        assertThat(money("sum(total) FROM tickets")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(money("sum(total_paid) FROM orders")).isEqualByComparingTo(truth.totalPaid());
        assertThat(money("sum(total) FROM event_settlement")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(money("sum(total) FROM daily_sales")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(truth.feesByKey()).isNotEmpty();
        truth.feesByKey().forEach((key, amount) -> {
            String column = key.equals("venue_fee") ? "service_charge" : key;
            assertThat(money("sum(" + column + ") FROM ticket_sales")).as(key).isEqualByComparingTo(amount);
        });
        assertThat(money("sum(other_fees) FROM tickets")).isEqualByComparingTo(BigDecimal.ZERO);

        assertThat(count("stripe_charges")).isEqualTo(truth.charges());
        assertThat(count("stripe_charges WHERE sales_channel = 'other'")).isEqualTo(truth.otherChannelCharges());
        assertThat(count("stripe_charges WHERE status = 'failed'")).isEqualTo(truth.failedCharges());
        assertThat(money("sum(amount) FROM stripe_charges WHERE status = 'succeeded'")).isEqualByComparingTo(truth.chargedAmount());
        assertThat(count("stripe_refunds")).isEqualTo(truth.refunds());
        assertThat(money("sum(amount) FROM stripe_refunds")).isEqualByComparingTo(truth.refundedAmount());
        assertThat(count("stripe_disputes")).isEqualTo(truth.disputes());
        assertThat(money("sum(amount) FROM stripe_disputes")).isEqualByComparingTo(truth.disputedAmount());
        assertThat(count("stripe_balance_transactions")).isEqualTo(truth.balanceTransactions());
        assertThat(money("sum(fee) FROM stripe_balance_transactions")).isEqualByComparingTo(truth.stripeFees());
        assertThat(count("stripe_payouts")).isEqualTo(truth.payouts());
        assertThat(money("sum(amount) FROM stripe_payouts")).isEqualByComparingTo(truth.payoutAmount());

        Map<String, Long> reconciliation = new LinkedHashMap<>();
        for (String status : GroundTruth.RECONCILIATION_STATUSES) {
            reconciliation.put(status, count("payment_reconciliation WHERE status = '" + status + "'"));
        }
        assertThat(reconciliation).isEqualTo(withZeros(truth.reconciliation()));
        assertThat(count("payment_reconciliation")).isEqualTo(reconciliation.values().stream().mapToLong(Long::longValue).sum());
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
            assertThat(load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
            DuckDbLake lake = lake(pipeline);
            assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders").longValue())
                    .as("both runs are archived").isEqualTo(2 * (truth.orders() - truth.ordersWithoutTickets()) + 2 * truth.ordersWithoutTickets());
            assertThat(tables(lake)).isEqualTo(cleanTables);
        }
    }

    @Test
    void an_interrupted_load_then_a_rerun_equals_a_clean_run() throws Exception {
        Path dir = lakes.resolve("interrupted");
        try (Simulators own = Simulators.start(SEED, SCALE, FaultPlan.none(), NOW, 0, 0);
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

            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
            DuckDbLake lake = lake(pipeline);
            assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_orders").longValue()).isPositive();
            assertThat(lake.scalar("SELECT count(*) FROM orders").longValue()).as("a failed run is never taken as data").isZero();

            own.faults().disableAll();
            assertThat(load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
            assertThat(tables(lake)).isEqualTo(cleanTables);
        }
    }

    public static Map<String, String> settings(Simulators simulators, Path lake) {
        Map<String, String> settings = new LinkedHashMap<>(SimulatorOptions.settings(simulators));
        settings.put("tw.lake.dir", lake.toString());
        settings.put("tw.progress", "false");
        settings.put("tw.http.retries", "4");
        settings.put("tw.http.retry-delay-ms", "5");
        return settings;
    }

    static LoadRun load(Pipeline pipeline) {
        return pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
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

    static BigDecimal money(String expression) {
        BigDecimal value = cleanLake.scalar("SELECT " + expression);
        return value == null ? BigDecimal.ZERO : value;
    }

    static Map<String, Long> withZeros(Map<String, Long> counts) {
        Map<String, Long> all = new LinkedHashMap<>();
        GroundTruth.RECONCILIATION_STATUSES.forEach(s -> all.put(s, counts.getOrDefault(s, 0L)));
        return all;
    }
}
