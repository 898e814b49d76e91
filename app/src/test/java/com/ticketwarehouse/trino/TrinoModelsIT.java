package com.ticketwarehouse.trino;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.QuarantineTest;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.emulators.TrinoInstall;
import com.ticketwarehouse.emulators.TrinoServer;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.RawTableDdl;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The one set of SQL models (Athena's dialect) runs on a real Trino and builds the same marts as
 * DuckDB from the same archives. The pipeline loads the simulators twice into a lake (so every model
 * has older versions to drop), from an account shaped as real ones are (fields left out, values in
 * other JSON types), adds a run with values that cannot be typed, crawls and transforms it with DuckDB; Trino gets the raw tables from
 * {@code athena/raw_tables.sql} (the stand-in for the Glue crawler), runs every model as
 * {@code CREATE TABLE AS} in the same order, and each mart must equal DuckDB's row for row.
 * Run with {@code ./mvnw -B verify -Ptrino}; a server that cannot start fails the test.
 */
class TrinoModelsIT {
    static final long SEED = 7;
    static final Scale SCALE = Scale.named("16x30");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String SCHEMA = "tw";
    static final List<String> MARTS = List.of("events", "orders", "tickets", "ticket_types", "checkins", "stripe_charges",
            "stripe_refunds", "stripe_balance_transactions", "stripe_payouts", "stripe_disputes", "ticket_sales",
            "event_settlement", "daily_sales", "payment_reconciliation", "refunds_and_disputes", "quarantine");
    static final List<String> RAW_TABLES = List.of("raw_ticketsauce_events", "raw_ticketsauce_orders", "raw_ticketsauce_checkins",
            "raw_stripe_charges", "raw_stripe_refunds", "raw_stripe_balance_transactions", "raw_stripe_payouts",
            "raw_stripe_disputes", "raw_stripe_events", "load_runs");

    @TempDir
    static Path root;

    static TrinoServer trino;
    static Connection trinoDb;
    static Connection duckDb;
    static final Map<String, Long> modelRows = new LinkedHashMap<>();
    @RegisterExtension
    static final Timings timings = new Timings("Trino models test");

    @BeforeAll
    static void build() throws Exception {
        timings.start();
        Path lake = root.resolve("lake");
        try (Simulators simulators = Simulators.start(SEED, SCALE, FaultPlan.typical(), EndToEndTest.SHAPE, NOW, 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(simulators, lake))) {
            // first two syncs, so that both engines read the events feed beside the lists: everything as
            // of a day ago, then the day's changes from the events
            simulators.stripe().clock(NOW.minus(Duration.ofDays(1)));
            assertThat(pipeline.call("sync", null, Map.of(Loads.SOURCE, "stripe"), LoadRun.class).status()).isEqualTo(LoadRun.COMPLETE);
            simulators.stripe().clock(NOW);
            LoadRun sync = pipeline.call("sync", null, Map.of(Loads.SOURCE, "stripe"), LoadRun.class);
            assertThat(sync.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(sync.entities().get("stripe/events").records.get()).as("the day's events").isPositive();
            LoadRun first = null;
            for (int run = 0; run < 2; run++) {
                LoadRun load = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
                assertThat(load.status()).as("load %d", run + 1).isEqualTo(LoadRun.COMPLETE);
                first = first == null ? load : first;
            }
            // and a run with values that cannot be typed, for both engines to quarantine alike (copied from the
            // first load: the second archived nothing, as nothing had changed)
            QuarantineTest.writeBadRun(lake, first);
            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
        }
        duckDb = DuckDbLake.readOnly(lake, 0);
        timings.lap("pipeline (2 syncs, 2 loads, crawl, DuckDB transform)");

        trino = onFiles(root.resolve("trino"), root, "metastore");
        trinoDb = trino.connect("hive", "information_schema");
        timings.lap("Trino server start");

        try (Statement sql = trinoDb.createStatement()) {
            rawTables(sql, root);
            timings.lap("Trino raw tables");
            models(sql);
        }
        for (SqlModel model : SqlModels.load()) {
            modelRows.put(model.name(), count(trinoDb, "hive." + SCHEMA + "." + model.name()));
        }
        timings.lap("Trino models (CREATE TABLE AS, Parquet)");
    }

    /** The raw tables of athena/raw_tables.sql over the lake at {@code root}/lake, with their partitions, in hive.{@value #SCHEMA}. */
    static void rawTables(Statement sql, Path root) throws IOException {
        execute(sql, "CREATE SCHEMA hive." + SCHEMA, "schema " + SCHEMA);
        for (RawTableDdl.Table table : RawTableDdl.tables()) {
            // an entity no run has read yet (a load reads no Stripe events): Trino wants its folder all the same
            Files.createDirectories(root.resolve(table.location("lake")));
            execute(sql, AthenaDdl.trino(table, "hive." + SCHEMA, "local:///lake"), "raw table " + table.name());
            if (!table.name().equals("load_runs")) {
                execute(sql, "CALL hive.system.sync_partition_metadata('" + SCHEMA + "', '" + table.name() + "', 'FULL')",
                        "partitions of " + table.name());
            }
        }
        // a run's partition at its day's folder, as the aws target's load registers it in Glue: not a folder of run_id
        Path manifests = root.resolve("lake").resolve(Archive.MANIFESTS);
        try (Stream<Path> folders = Files.walk(manifests, 2)) {
            for (Path run : folders.filter(f -> manifests.relativize(f).getNameCount() == 2).toList()) {
                String runId = RunLiveness.runIdOf(run.getFileName().toString());
                execute(sql, "CALL hive.system.register_partition('" + SCHEMA + "', 'load_runs', ARRAY['run_id'], ARRAY['" + runId + "'], "
                        + "'local:///lake/" + Archive.manifestFolder(runId) + "')", "partition of load_runs for run " + runId);
            }
        }
    }

    /** Every model over every complete run, made as the aws target's CTAS makes it less the location: Parquet, with the model's own table properties. */
    static void models(Statement sql) {
        execute(sql, "USE hive." + SCHEMA, "schema " + SCHEMA);
        // the runs the models read: every complete one, as the aws target's full transform has them
        execute(sql, "CREATE VIEW hive." + SCHEMA + ".refresh_runs AS SELECT run_id FROM hive." + SCHEMA + ".load_runs WHERE status = 'complete'",
                "refresh_runs");
        for (SqlModel model : SqlModels.load()) {
            execute(sql, "CREATE TABLE hive." + SCHEMA + "." + model.name() + " " + model.parquetWith() + " AS " + model.select(),
                    "SQL model " + model.file());
        }
    }

    /**
     * The server the {@code trino} profile unpacked, with one catalog, {@code hive}: a file metastore and the local
     * file system rooted at {@code root}, so that {@code local:///x} is {@code root/x}.
     */
    static TrinoServer onFiles(Path work, Path root, String metastoreDir) throws java.io.IOException, InterruptedException {
        return TrinoServer.start(TrinoInstall.fromBuild(), work, Map.of("hive", Map.of("connector.name", "hive",
                "hive.metastore", "file", "hive.metastore.catalog.dir", "local:///" + metastoreDir,
                "fs.native-local.enabled", "true", "local.location", root.toAbsolutePath().toString(),
                "hive.allow-register-partition-procedure", "true")));
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(trinoDb, duckDb, trino);
        System.out.println("Trino model rows: " + modelRows);
    }

    @Test
    void every_raw_table_reads_every_record_and_every_crawled_column() throws SQLException {
        for (String table : RAW_TABLES) {
            assertThat(count(trinoDb, "hive." + SCHEMA + "." + table)).as(table).isPositive()
                    .isEqualTo(count(duckDb, table));
            TreeSet<String> trinoColumns = columns(trinoDb, "hive." + SCHEMA + "." + table);
            TreeSet<String> duckColumns = columns(duckDb, table);
            duckColumns.remove("$path"); // Trino's Hive tables have it too, as a hidden column that * leaves out
            assertThat(trinoColumns).as("the DDL of %s has every column the DuckDB crawl found", table).containsAll(duckColumns);
        }
    }

    @Test
    void every_model_ran_on_trino() {
        assertThat(modelRows.keySet()).containsExactlyInAnyOrderElementsOf(SqlModels.load().stream().map(SqlModel::name).toList());
        assertThat(modelRows.keySet()).containsAll(MARTS);
    }

    @TestFactory
    Stream<DynamicTest> every_mart_equals_duckdb_row_for_row() {
        return MARTS.stream().map(mart -> DynamicTest.dynamicTest(mart, () -> {
            long started = System.nanoTime();
            Rows trinoRows = rows(trinoDb, "SELECT * FROM hive." + SCHEMA + "." + mart);
            Rows duckRows = rows(duckDb, "SELECT * FROM " + mart);
            assertThat(trinoRows.columns()).as("columns of %s", mart).isEqualTo(duckRows.columns());
            assertThat(duckRows.rows()).as("rows of %s in DuckDB", mart).isNotEmpty();
            if (!trinoRows.rows().equals(duckRows.rows())) {
                List<String> onlyTrino = new ArrayList<>(trinoRows.rows());
                onlyTrino.removeAll(duckRows.rows());
                List<String> onlyDuck = new ArrayList<>(duckRows.rows());
                onlyDuck.removeAll(trinoRows.rows());
                fail("%s differs: Trino %d rows, DuckDB %d rows (columns %s)%n only in Trino (first 5):%n  %s%n only in DuckDB (first 5):%n  %s",
                        mart, trinoRows.rows().size(), duckRows.rows().size(), trinoRows.columns(),
                        String.join("\n  ", onlyTrino.subList(0, Math.min(5, onlyTrino.size()))),
                        String.join("\n  ", onlyDuck.subList(0, Math.min(5, onlyDuck.size()))));
            }
            timings.add("compare marts", started, System.nanoTime());
        }));
    }

    /** Every metric of metrics/metrics.yaml on each of its marts, as the summary and the reports ask it, answers the same on Trino (Athena's engine) as on DuckDB. */
    @TestFactory
    Stream<DynamicTest> every_metric_answers_the_same_on_trino() {
        com.ticketwarehouse.dashboards.Metrics metrics = com.ticketwarehouse.dashboards.Metrics.load();
        return metrics.all().values().stream().flatMap(metric -> metric.on().keySet().stream().map(mart ->
                DynamicTest.dynamicTest(metric.name() + " on " + mart, () -> {
                    String sql = metrics.select(mart, List.of(metric.name()), List.of(), null);
                    List<String> trinoValue = rows(trinoDb, sql.replace("FROM \"" + mart + "\"", "FROM hive." + SCHEMA + ".\"" + mart + "\"")).rows();
                    List<String> duckValue = rows(duckDb, sql).rows();
                    assertThat(rounded(trinoValue.get(0))).as(sql).isEqualTo(rounded(duckValue.get(0)));
                })));
    }

    /** A ratio is a double on both engines, equal to the ninth decimal. */
    private static String rounded(String value) {
        return value.startsWith("double:") ? new BigDecimal(value.substring(7)).setScale(9, java.math.RoundingMode.HALF_UP).toPlainString() : value;
    }

    record Rows(List<String> columns, List<String> rows) {
    }

    /** Every row as text, sorted: decimals exactly (no trailing zeros), timestamps to the second. */
    static Rows rows(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(query)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(i > 1 ? " | " : "").append(value(rs, i, meta.getColumnType(i)));
                }
                rows.add(row.toString());
            }
            rows.sort(null);
            return new Rows(columns, rows);
        }
    }

    static String value(ResultSet rs, int column, int type) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return "NULL";
        }
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                String text = rs.getString(column).replace('T', ' ');
                yield text.length() > 19 ? text.substring(0, 19) : text;
            }
            case Types.DECIMAL, Types.NUMERIC, Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
                    new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> "double:" + value;
            default -> value.toString();
        };
    }

    static long count(Connection db, String table) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static TreeSet<String> columns(Connection db, String table) throws SQLException {
        TreeSet<String> columns = new TreeSet<>();
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    static void execute(Statement sql, String statement, String what) {
        try {
            // on a loaded machine the one node can miss its announcement for a moment: that is Trino's, not the model's
            for (int attempt = 1; ; attempt++) {
                try {
                    sql.execute(statement);
                    return;
                } catch (SQLException e) {
                    if (attempt == 30 || !String.valueOf(e.getMessage()).contains("No nodes available")) {
                        throw e;
                    }
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " interrupted", e);
        } catch (SQLException e) {
            throw new AssertionError(what + " failed on Trino: " + e.getMessage() + "\n" + statement, e);
        }
    }
}
