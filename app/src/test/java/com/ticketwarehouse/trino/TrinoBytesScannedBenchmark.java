package com.ticketwarehouse.trino;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.emulators.TrinoServer;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.SqlMacros;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A benchmark, not a test of the build: the bytes Trino reads (the query's {@code physicalInputBytes}, what
 * Athena bills) for each reporting question asked of the curated Parquet marts, against the same question
 * asked of the raw JSON tables, as the old QuickSight datasets did. Every pair must give the same rows.
 * <p>
 * The simulators (no faults) are loaded once, all sources and all time, at {@link #SCALE}; Trino gets the raw
 * tables from {@code athena/raw_tables.sql} and materializes every model, staging and marts, as
 * {@code CREATE TABLE ... WITH (format = 'PARQUET') AS}, as the aws target does in Athena. Prints a Markdown
 * table. Run with {@code ./mvnw -B -ntp verify -Ptrino -Dit.test=TrinoBytesScannedBenchmark} (the normal
 * {@code -Ptrino} run includes only {@code TrinoModelsIT}). The scale is 1,000 events x 100 orders unless
 * {@code -Dbytes.scale=EVENTSxORDERS}: large enough that {@code ticket_sales} and {@code payment_reconciliation} are
 * over Trino's small-file threshold (3 MB, under which a Parquet file is read whole, whatever columns are asked).
 */
@Tag("benchmark")
class TrinoBytesScannedBenchmark {
    static final long SEED = 42;
    static final Scale SCALE = Scale.named(System.getProperty("bytes.scale", "1000x100"));
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String SCHEMA = "tw";
    static final double TARGET_RATIO = 10;

    @TempDir
    static Path root;

    static TrinoServer trino;
    static Connection trinoDb;
    /** A session that reads only the Parquet column chunks a query needs, however small the file. */
    static Connection columnsDb;
    @RegisterExtension
    static final Timings timings = new Timings("Bytes scanned benchmark");
    static final Map<String, Long> archiveBytes = new LinkedHashMap<>();

    /** A reporting question, asked of the marts and of the raw tables; both must answer the same rows. */
    record Question(String name, String curated, String raw) {
    }

    /** curatedBytes with Trino's defaults; columnBytes with no small-file read-ahead (only the column chunks asked). */
    record Measure(String question, long rows, long rawBytes, long curatedBytes, long columnBytes) {
        double ratio() {
            return (double) rawBytes / curatedBytes;
        }

        double columnRatio() {
            return (double) rawBytes / columnBytes;
        }
    }

    @BeforeAll
    static void build() throws Exception {
        timings.start();
        Path lake = root.resolve("lake");
        try (Simulators simulators = Simulators.start(SEED, SCALE, FaultPlan.none(), NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(simulators, lake))) {
            LoadRun load = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
            assertThat(load.status()).isEqualTo(LoadRun.COMPLETE);
        }
        try (Stream<Path> files = Files.walk(lake.resolve("raw"))) {
            files.filter(Files::isRegularFile).forEach(file -> {
                Path entity = lake.resolve("raw").relativize(file).subpath(0, 2);
                archiveBytes.merge(entity.toString(), size(file), Long::sum);
            });
        }
        timings.lap("load " + SCALE);

        trino = TrinoModelsIT.onFiles(root.resolve("trino"), root, "metastore");
        trinoDb = trino.connect("hive", "information_schema");
        timings.lap("Trino server start");

        try (Statement sql = trinoDb.createStatement()) {
            TrinoModelsIT.rawTables(sql, root);
            TrinoModelsIT.models(sql);
        }
        columnsDb = trino.connect("hive", SCHEMA);
        try (Statement sql = columnsDb.createStatement()) {
            sql.execute("SET SESSION hive.parquet_small_file_threshold = '0B'");
        }
        timings.lap("Trino raw tables and Parquet models");
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(columnsDb, trinoDb, trino);
    }

    @Test
    void curated_parquet_marts_scan_fewer_bytes_than_raw_json() throws Exception {
        List<Measure> measures = new ArrayList<>();
        timings.start();
        String event = firstEvent();
        for (Question question : questions(event, LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(30))) {
            Answer curated = ask(trinoDb, question.curated());
            Answer columns = ask(columnsDb, question.curated());
            Answer raw = ask(trinoDb, question.raw());
            assertThat(curated.rows()).as("%s: the marts answer something", question.name()).isNotEmpty();
            assertThat(raw.rows()).as("%s: the raw tables answer the same rows as the marts", question.name())
                    .isEqualTo(curated.rows());
            assertThat(columns.rows()).isEqualTo(curated.rows());
            measures.add(new Measure(question.name(), curated.rows().size(), raw.bytes(), curated.bytes(), columns.bytes()));
        }
        timings.lap("questions (raw and curated)");

        StringBuilder table = new StringBuilder();
        table.append(String.format("Bytes scanned on Trino 476, scale %s (seed %d), one load of all sources and all time:%n%n", SCALE, SEED));
        table.append("| question | rows | raw JSON bytes | curated Parquet bytes | ratio | curated, asked columns only | ratio |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Measure m : measures) {
            table.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1fx | %,d | %.1fx |%n", m.question(), m.rows(),
                    m.rawBytes(), m.curatedBytes(), m.ratio(), m.columnBytes(), m.columnRatio()));
        }
        table.append(String.format("%nArchives (gzip JSON lines) by entity, bytes: %s%n", archiveBytes));
        table.append(String.format("Parquet tables, bytes: %s%n", parquetBytes()));
        System.out.println(table);
        Path report = Path.of(System.getProperty("bytes.report", "target/trino-bytes-scanned.md"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, table);

        for (Measure m : measures) {
            assertThat(m.rawBytes()).as("%s read the raw archives", m.question()).isPositive();
            assertThat(m.curatedBytes()).as("%s read the marts", m.question()).isPositive();
        }
        if (Boolean.getBoolean("bytes.enforce-target")) {
            for (Measure m : measures) {
                assertThat(m.ratio()).as("%s: raw/curated bytes", m.question()).isGreaterThanOrEqualTo(TARGET_RATIO);
            }
        }
    }

    // ---- the questions -------------------------------------------------------------------------------------

    /**
     * The raw versions say the staging models' rules themselves: the latest version of each record (by run_id)
     * from complete runs only, every field typed from the text the raw tables hold (JSON objects such as a
     * ticket's type or a charge's metadata read with json_extract_scalar), cents to dollars, each fee key
     * normalized and pivoted, failed charges left out.
     */
    static final String RAW_RUNS = """
            runs AS (SELECT run_id FROM load_runs WHERE status = 'complete')""";
    static final String RAW_EVENTS = """
            ev AS (
                SELECT CAST(r."event".id AS VARCHAR) AS event_id, r."event".name AS event_name,
                       CAST(r."event"."start" AS TIMESTAMP) AS event_start, r."event".organization_name AS venue_title
                FROM (SELECT x.*, row_number() OVER (PARTITION BY x."event".id ORDER BY x.run_id DESC) AS version_rank
                      FROM raw_ticketsauce_events x WHERE x.run_id IN (SELECT run_id FROM runs)) r
                WHERE r.version_rank = 1)""";
    static final String RAW_ORDERS = """
            ord AS (
                SELECT CAST(r."order".id AS VARCHAR) AS order_id, CAST(r."order".event_id AS VARCHAR) AS event_id,
                       r."order".first_name AS first_name, r."order".last_name AS last_name, r."order".email AS email,
                       CAST(r."order".total_paid AS DECIMAL(12, 2)) AS total_paid,
                       CAST(r."order".paid_date_utc AS TIMESTAMP) AS paid_at_utc, r.ticket AS tickets
                FROM (SELECT x.*, row_number() OVER (PARTITION BY x."order".id ORDER BY x.run_id DESC) AS version_rank
                      FROM raw_ticketsauce_orders x WHERE x.run_id IN (SELECT run_id FROM runs)) r
                WHERE r.version_rank = 1)""";
    /**
     * Tickets of the latest orders, with their order's buyer and payment time, each fee and tax as a column as the
     * tickets mart has them. Grouped once per ticket over its fees (no self-join), so that the raw orders are
     * scanned once: Trino inlines a CTE at each use, and a second use would read the archives twice.
     */
    static final String RAW_TICKETS = """
            tix AS (
                SELECT ticket_id, order_id, event_id, first_name, last_name, email, paid_at_utc, ticket_type_name,
                       holder_name, redeemed, promo_code, face_value,
                       COALESCE(sum(CASE WHEN fee_key = 'ticketing_fee' THEN amount END), 0) AS ticketing_fee,
                       COALESCE(sum(CASE WHEN fee_key = 'surcharge' THEN amount END), 0) AS surcharge,
                       COALESCE(sum(CASE WHEN fee_key = 'venue_fee' THEN amount END), 0) AS venue_fee,
                       COALESCE(sum(CASE WHEN fee_key = 'admin_fee_not_a_gratuity' THEN amount END), 0) AS admin_fee_not_a_gratuity,
                       COALESCE(sum(CASE WHEN fee_key = 'gratuity' THEN amount END), 0) AS gratuity,
                       COALESCE(sum(CASE WHEN fee_key = 'let_tax' THEN amount END), 0) AS let_tax,
                       COALESCE(sum(CASE WHEN fee_key = 'sales_tax' THEN amount END), 0) AS sales_tax,
                       COALESCE(sum(CASE WHEN fee_key NOT IN ('ticketing_fee', 'surcharge', 'venue_fee', 'admin_fee_not_a_gratuity',
                           'gratuity', 'let_tax', 'sales_tax') THEN amount END), 0) AS other_fees,
                       COALESCE(sum(amount), 0) AS total_fees,
                       face_value + COALESCE(sum(amount), 0) AS total
                FROM (
                    SELECT t.*, lower(replace(replace(replace(trim(k.fee_name), ' (', ' '), ')', ''), ' ', '_')) AS fee_key,
                           CASE WHEN element_at(t.fees, k.fee_name) <> ''
                               THEN CAST(element_at(t.fees, k.fee_name) AS DECIMAL(12, 2)) END AS amount
                    FROM (
                        SELECT o.order_id, o.event_id, o.first_name, o.last_name, o.email, o.paid_at_utc,
                               CAST(o.tk.id AS VARCHAR) AS ticket_id,
                               COALESCE(json_extract_scalar(o.tk.tickettype, '$.name'), o.tk.ticket_type_name) AS ticket_type_name,
                               CAST(o.tk.price AS DECIMAL(12, 2)) AS face_value, o.tk.name AS holder_name,
                               CAST(o.tk.redeemed AS BOOLEAN) AS redeemed, o.tk.promo_code AS promo_code,
                               TRY_CAST(json_parse(o.tk.lineitemfees) AS MAP(VARCHAR, VARCHAR)) AS fees
                        FROM (SELECT o.*, element_at(o.tickets, i.position) AS tk
                              FROM ord o CROSS JOIN UNNEST(sequence(1, cardinality(o.tickets))) AS i (position)
                              WHERE cardinality(o.tickets) > 0)
                             AS o (order_id, event_id, first_name, last_name, email, total_paid, paid_at_utc, tickets, tk)
                    ) t
                    LEFT JOIN UNNEST(COALESCE(map_keys(t.fees), ARRAY[])) AS k (fee_name) ON true
                ) f
                GROUP BY ticket_id, order_id, event_id, first_name, last_name, email, paid_at_utc, ticket_type_name,
                         holder_name, redeemed, promo_code, face_value)""";
    /** Charges paying a Ticketsauce order: the latest version, succeeded, one row per order. */
    static final String RAW_PAYMENTS = """
            pay AS (
                SELECT json_extract_scalar(c.metadata, '$.order_id') AS order_id, max(c.id) AS charge_id, count(*) AS charges,
                       max(c.payment_intent) AS payment_intent,
                       sum(CAST(CAST(c.amount AS BIGINT) * DECIMAL '0.01' AS DECIMAL(14, 2))) AS amount,
                       sum(CAST(CAST(c.amount_refunded AS BIGINT) * DECIMAL '0.01' AS DECIMAL(14, 2))) AS amount_refunded,
                       max(CASE WHEN CAST(c.disputed AS BOOLEAN) THEN 1 ELSE 0 END) = 1 AS disputed
                FROM (SELECT x.*, row_number() OVER (PARTITION BY x.id ORDER BY x.run_id DESC) AS version_rank
                      FROM raw_stripe_charges x WHERE x.run_id IN (SELECT run_id FROM runs)) c
                WHERE c.version_rank = 1 AND c.status = 'succeeded' AND json_extract_scalar(c.metadata, '$.order_id') IS NOT NULL
                GROUP BY json_extract_scalar(c.metadata, '$.order_id'))""";
    static final String RAW_CHECKINS = """
            chk AS (
                SELECT DISTINCT CAST(event_id AS VARCHAR) AS event_id, CAST(ticket_id AS VARCHAR) AS ticket_id
                FROM raw_ticketsauce_checkins WHERE run_id IN (SELECT run_id FROM runs))""";

    static String with(String... ctes) {
        return "WITH " + String.join(",\n", ctes) + "\n";
    }

    static List<Question> questions(String eventId, LocalDate since) {
        String event = "'" + eventId.replace("'", "''") + "'";
        String day = "DATE '" + since + "'";
        return List.of(
                new Question("ticket sales of one event (`ticket_sales`)",
                        "SELECT * FROM ticket_sales WHERE event_id = " + event,
                        with(RAW_RUNS, RAW_EVENTS, RAW_ORDERS, RAW_TICKETS, RAW_PAYMENTS) + """
                                SELECT e.venue_title, e.event_name, e.event_start, t.ticket_type_name, t.face_value, t.ticketing_fee,
                                       t.surcharge, t.venue_fee AS service_charge, t.admin_fee_not_a_gratuity, t.gratuity, t.let_tax,
                                       t.sales_tax, t.other_fees, t.total_fees, t.total, t.holder_name,
                                       trim(concat(COALESCE(t.first_name, ''), ' ', COALESCE(t.last_name, ''))) AS buyer_name,
                                       t.email AS buyer_email, t.paid_at_utc, t.redeemed, t.promo_code, t.order_id, p.payment_intent,
                                       t.ticket_id, t.event_id
                                FROM tix t
                                LEFT JOIN ev e ON e.event_id = t.event_id
                                LEFT JOIN pay p ON p.order_id = t.order_id
                                WHERE t.event_id = """ + event),
                new Question("settlement per event and ticket type (`event_settlement`)",
                        "SELECT * FROM event_settlement",
                        with(RAW_RUNS, RAW_EVENTS, RAW_ORDERS, RAW_TICKETS) + """
                                SELECT e.venue_title, e.event_name, e.event_start, t.event_id, t.ticket_type_name, count(*) AS quantity,
                                       sum(t.face_value) AS face_value, sum(t.ticketing_fee) AS ticketing_fee, sum(t.surcharge) AS surcharge,
                                       sum(t.venue_fee) AS service_charge, sum(t.admin_fee_not_a_gratuity) AS admin_fee_not_a_gratuity,
                                       sum(t.gratuity) AS gratuity, sum(t.let_tax) AS let_tax, sum(t.sales_tax) AS sales_tax,
                                       sum(t.other_fees) AS other_fees, sum(t.total_fees) AS total_fees, sum(t.total) AS total,
                                       CASE WHEN sum(t.face_value) > 0 THEN CAST(CAST(sum(t.let_tax) AS DOUBLE)
                                           / CAST(sum(t.face_value) AS DOUBLE) AS DECIMAL(7, 4)) END AS let_rate
                                FROM tix t LEFT JOIN ev e ON e.event_id = t.event_id
                                GROUP BY e.venue_title, e.event_name, e.event_start, t.event_id, t.ticket_type_name"""),
                new Question("daily sales of the last 30 days (`daily_sales`)",
                        "SELECT * FROM daily_sales WHERE sale_date >= " + day,
                        with(RAW_RUNS, RAW_EVENTS, RAW_ORDERS, RAW_TICKETS) + """
                                SELECT CAST(t.paid_at_utc AS DATE) AS sale_date, e.venue_title, count(DISTINCT t.order_id) AS orders,
                                       count(t.ticket_id) AS tickets, sum(t.face_value) AS face_value, sum(t.total_fees) AS total_fees,
                                       sum(t.total) AS total
                                FROM tix t
                                LEFT JOIN ev e ON e.event_id = t.event_id
                                WHERE CAST(t.paid_at_utc AS DATE) >= """ + day + """

                                GROUP BY CAST(t.paid_at_utc AS DATE), e.venue_title"""),
                new Question("reconciliation counts by status (`payment_reconciliation`)",
                        "SELECT status, count(*) AS n FROM payment_reconciliation GROUP BY status",
                        with(RAW_RUNS, RAW_ORDERS, RAW_PAYMENTS) + SqlMacros.expand("""
                                SELECT reconciliation_status(o, c) AS status, count(*) AS n
                                FROM ord o FULL OUTER JOIN pay c ON c.order_id = o.order_id
                                GROUP BY 1""")),
                new Question("check-in rate per event (`events`)",
                        "SELECT event_id, event_name, tickets_sold, tickets_checked_in, checkin_rate FROM events",
                        with(RAW_RUNS, RAW_EVENTS, RAW_ORDERS, RAW_TICKETS, RAW_CHECKINS) + """
                                SELECT e.event_id, e.event_name, COALESCE(s.tickets_sold, 0) AS tickets_sold,
                                       COALESCE(c.checked_in, 0) AS tickets_checked_in,
                                       CASE WHEN s.tickets_sold > 0 THEN CAST(CAST(COALESCE(c.checked_in, 0) AS DOUBLE) / s.tickets_sold
                                           AS DECIMAL(7, 4)) END AS checkin_rate
                                FROM ev e
                                LEFT JOIN (SELECT event_id, count(*) AS tickets_sold FROM tix GROUP BY event_id) s
                                    ON s.event_id = e.event_id
                                LEFT JOIN (SELECT event_id, count(*) AS checked_in FROM chk GROUP BY event_id) c
                                    ON c.event_id = e.event_id"""));
    }

    /** The event with the most tickets, so that the one-event question has the most rows to find. */
    static String firstEvent() throws SQLException {
        try (Statement sql = trinoDb.createStatement();
             ResultSet rs = sql.executeQuery("SELECT event_id FROM events ORDER BY tickets_sold DESC, event_id LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    // ---- measuring ------------------------------------------------------------------------------------------

    record Answer(List<String> rows, long bytes) {
    }

    /**
     * Runs one query to its end and takes the physical input bytes from the final stats of the Trino JDBC
     * driver's result set ({@code io.trino.jdbc.TrinoResultSet.getStats()}). By reflection, because the
     * driver is on the test class path only in the {@code trino} profile and this class compiles without it.
     */
    static Answer ask(Connection db, String query) throws Exception {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? " | " : "").append(TrinoModelsIT.value(rs, i, meta.getColumnType(i)));
                }
                rows.add(row.toString());
            }
            rows.sort(null);
            Object trinoResultSet = rs.unwrap(Class.forName("io.trino.jdbc.TrinoResultSet"));
            Object stats = trinoResultSet.getClass().getMethod("getStats").invoke(trinoResultSet);
            String state = (String) stats.getClass().getMethod("getState").invoke(stats);
            assertThat(state).as("state of the query when its last row was read").isEqualTo("FINISHED");
            long bytes = (long) stats.getClass().getMethod("getPhysicalInputBytes").invoke(stats);
            return new Answer(rows, bytes);
        }
    }

    static Map<String, Long> parquetBytes() throws IOException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String mart : List.of("ticket_sales", "event_settlement", "daily_sales", "payment_reconciliation", "events")) {
            try (Stream<Path> files = Files.walk(root.resolve("metastore").resolve(SCHEMA).resolve(mart))) {
                sizes.put(mart, files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .mapToLong(TrinoBytesScannedBenchmark::size).sum());
            } catch (IOException e) {
                sizes.put(mart, -1L);
            }
        }
        return sizes;
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
