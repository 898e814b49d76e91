package com.ticketwarehouse.aws;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.QuarantineTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.AthenaLake;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.LakeException;
import com.ticketwarehouse.lake.RefreshSequence;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.GroundTruth;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aws target end to end with its SQL run for real: moto's S3 and Glue, and the Athena stand-in (a
 * real Trino 476 over them, behind Athena's API). An account of the varied shape is loaded into the
 * aws target (its load registers the partitions), a run with two values that cannot be typed is added
 * beside it, and {@code transform} runs every model as the CTAS the product sends; the same account
 * is loaded, crawled and transformed into a local DuckDB lake. Every mart read back with
 * {@code query} on the aws target equals the local lake's row for row, the totals equal the
 * simulators' ground truth to the cent, and the failures read as the README promises.
 * Run with {@code ./mvnw -B verify -Pemulators,trino} (moto and the Trino the profile unpacks).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("emulators")
public class AthenaStandInIT {
    static final String BUCKET = "tw-standin";
    public static final String PREFIX = "lake";
    static final String DATABASE = "ticket_warehouse_test";
    static final String WORKGROUP = "ticket-warehouse-test", CAPPED = "ticket-warehouse-test-capped";
    static final String RESULTS = "s3://" + BUCKET + "/" + PREFIX + "/athena-results/";
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    static Path work;
    /** Where moto logs each request it serves (AwsEmulators). */
    static Path MOTO_LOG;

    static MotoServer aws;
    static Simulators simulators;
    static GroundTruth truth;
    static Pipeline pipeline;
    static DuckDbLake local;
    static Pipeline localPipeline;
    static LoadRun awsRun;
    /** The records made bad in each lake, by entity: the first of each run's first archive, which differ between two loads. */
    static Map<String, String> awsBad, localBad;
    static String transformReport;
    static S3Client s3;
    static GlueClient glue;
    static AthenaClient athena;

    @BeforeAll
    static void loadAndTransform() throws Exception {
        aws = MotoServer.withAthena(work.resolve("emulators"));
        MOTO_LOG = work.resolve("emulators").resolve("moto.log");
        s3 = aws.s3();
        glue = aws.glue();
        athena = aws.athena();
        s3.createBucket(r -> r.bucket(BUCKET));
        // the workgroup a deployed stack holds: its output location enforced (infra's ApplicationStack)
        athena.createWorkGroup(r -> r.name(WORKGROUP).configuration(c -> c.enforceWorkGroupConfiguration(true)
                .resultConfiguration(o -> o.outputLocation(RESULTS))));
        simulators = Simulators.start(11, Scale.named("6x20"), FaultPlan.none(), EndToEndTest.SHAPE, NOW, 0, 0);
        truth = simulators.groundTruth();

        localPipeline = Pipeline.start(EndToEndTest.settings(simulators, work.resolve("local")));
        LoadRun localRun = localPipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(localRun.status()).isEqualTo(LoadRun.COMPLETE);
        localBad = QuarantineTest.writeBadRun(work.resolve("local"), localRun);
        localPipeline.call("crawl", null, Map.of(), String.class);
        localPipeline.call("transform", null, Map.of(), String.class);
        local = localPipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);

        pipeline = Pipeline.start(settings(Map.of()));
        awsRun = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(awsRun.status()).as(String.valueOf(awsRun.error())).isEqualTo(LoadRun.COMPLETE);
        awsBad = writeBadRun(awsRun);
        transformReport = pipeline.call("transform", null, Map.of(), String.class);
    }

    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = settings(simulators, BUCKET, WORKGROUP, work.resolve("spool"));
        settings.putAll(more);
        return settings;
    }

    /** The aws target on moto and the stand-in, loading from the simulators: the settings a deployed stack's environment gives. */
    public static Map<String, String> settings(Simulators simulators, String bucket, String workGroup, Path spool) {
        Map<String, String> settings = AwsTargetSettings.of(simulators, bucket, PREFIX, spool, 100);
        settings.put("tw.aws.athena-workgroup", workGroup);
        return settings;
    }

    /**
     * The run of {@link QuarantineTest#writeBadRun} in S3, as a load would have left it: its archives and manifest under
     * the prefix, and its partitions in Glue beside the good run's.
     */
    static Map<String, String> writeBadRun(LoadRun good) throws IOException {
        Path copy = work.resolve("bad-run");
        String raw = PREFIX + "/raw/";
        for (String entity : List.of("stripe/charges", "ticketsauce/orders")) {
            String folder = raw + entity + "/load_date=" + good.loadDate() + "/run_id=" + good.id() + "/";
            String first = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(folder)).contents().get(0).key();
            Path file = copy.resolve(first.substring(PREFIX.length() + 1));
            Files.createDirectories(file.getParent());
            Files.write(file, s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(first)).asByteArray());
        }
        Map<String, String> bad = QuarantineTest.writeBadRun(copy, good);
        String badRun = good.id() + "-bad";
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().contains("run_id=" + badRun)).toList()) {
                String key = PREFIX + "/" + copy.relativize(file).toString().replace('\\', '/');
                s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromFile(file));
            }
        }
        addPartitionLike("load_runs", List.of(good.id()), List.of(badRun));
        addPartitionLike("raw_stripe_charges", List.of(good.loadDate(), good.id()), List.of(good.loadDate(), badRun));
        addPartitionLike("raw_ticketsauce_orders", List.of(good.loadDate(), good.id()), List.of(good.loadDate(), badRun));
        return bad;
    }

    static void addPartitionLike(String table, List<String> like, List<String> values) {
        Partition partition = glue.getPartition(r -> r.databaseName(DATABASE).tableName(table).partitionValues(like)).partition();
        String location = partition.storageDescriptor().location().replace(like.get(like.size() - 1), values.get(values.size() - 1));
        glue.createPartition(r -> r.databaseName(DATABASE).tableName(table).partitionInput(PartitionInput.builder().values(values)
                .storageDescriptor(partition.storageDescriptor().toBuilder().location(location).build()).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(pipeline, localPipeline, simulators, aws);
    }

    @Test
    @Order(1)
    void transform_ran_every_model_as_ctas_on_trino_and_counted_the_quarantine() throws InterruptedException {
        List<SqlModel> models = SqlModels.load();
        // the first transform's tables have had no maintenance: it follows the refresh
        String refreshed = transformReport.substring(0, transformReport.indexOf("maintenance (OPTIMIZE, VACUUM):\n"));
        assertThat(refreshed.lines()).hasSize(models.size() + 2);
        assertThat(refreshed).startsWith("full refresh (no refresh before): ");
        models.forEach(model -> assertThat(refreshed).contains(model.name()));
        assertThat(refreshed).endsWith("quarantine: 2 records could not be typed and were left out; see them with"
                + " ./tw query \"SELECT * FROM quarantine\" (a later good load of a record replaces it)\n");
        assertThat(transformReport.substring(refreshed.length()).lines().skip(1).map(line -> line.split("\\s+")[0]).toList())
                .as("the tables MERGE changes in place").isEqualTo(mergedTables());
        for (SqlModel model : models.stream().filter(m -> !m.batch()).toList()) {
            assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(PREFIX + "/curated/" + model.name() + "/metadata/")).contents())
                    .as("the Iceberg table of %s under its location", model.name()).isNotEmpty();
        }
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix(PREFIX + "/scratch/")).contents()).as("the scratch tables dropped").isEmpty();
        assertThat(glue.getTables(r -> r.databaseName(DATABASE)).tableList()).extracting(Table::name).as("the batch views dropped")
                .doesNotContainAnyElementsOf(models.stream().filter(SqlModel::batch).map(SqlModel::name).toList());
        List<QueryExecution> executions = new ArrayList<>();
        athena.listQueryExecutionsPaginator(r -> r.workGroup(WORKGROUP)).forEach(page -> page.queryExecutionIds()
                .forEach(id -> executions.add(athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution())));
        List<String> statements = executions.stream().map(QueryExecution::query).toList();
        for (SqlModel model : models) {
            assertThat(statements).anyMatch(q -> q.startsWith(model.batch() ? "CREATE OR REPLACE VIEW " + DATABASE + "." + model.name() + " AS"
                    : "CREATE TABLE " + DATABASE + "." + model.name() + " WITH (table_type = 'ICEBERG', is_external = false, location = "));
        }
        assertThat(executions).allSatisfy(execution -> {
            assertThat(execution.status().stateAsString()).isEqualTo("SUCCEEDED");
            assertThat(execution.queryExecutionContext().database()).isEqualTo(DATABASE);
            assertThat(execution.resultConfiguration().outputLocation()).startsWith(RESULTS);
        });
        // the quarantine's count is what its CTAS wrote: no query of its own
        assertThat(statements).noneMatch(q -> q.startsWith("SELECT count(*)"));
        for (String table : mergedTables()) {
            assertThat(statements).as("Athena's maintenance of " + table).contains("OPTIMIZE " + table + " REWRITE DATA USING BIN_PACK", "VACUUM " + table,
                    "ALTER TABLE " + table + " SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds' = '86400')");
        }
        assertThat(executions).filteredOn(execution -> RefreshFigures.READS_RAW.matcher(execution.query()).find() && billed(execution)).isNotEmpty()
                .allSatisfy(execution -> assertThat(execution.statistics().dataScannedInBytes()).as("Trino's physical input bytes").isPositive());
        String count = athenaRun("SELECT count(*) AS records FROM " + DATABASE + ".quarantine");
        assertThat(new String(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(PREFIX + "/athena-results/" + count + ".csv"))
                .asByteArray(), StandardCharsets.UTF_8)).as("the result CSV, as Athena writes it").isEqualTo("\"records\"\n\"2\"\n");
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> every_mart_queried_on_aws_equals_the_local_duckdb_lake_row_for_row() {
        return marts().stream().map(mart -> DynamicTest.dynamicTest(mart, () -> {
            List<String> awsRows = normalized(query(pipeline, "SELECT * FROM " + mart));
            List<String> localRows = normalized(query(localPipeline, "SELECT * FROM " + mart));
            assertThat(awsRows.get(0)).as("the columns of %s", mart).isEqualTo(localRows.get(0));
            assertThat(awsRows.size()).as("rows of %s", mart).isGreaterThan(1);
            assertThat(awsRows).as("the rows of %s", mart).containsExactlyElementsOf(localRows);
        }));
    }

    /** The marts, less the quarantine (its run ids and files differ between two lakes; compared on its own below). */
    static List<String> marts() {
        return SqlModels.load().stream().filter(model -> model.file().startsWith("models/marts/")).map(SqlModel::name)
                .filter(name -> !name.equals("quarantine")).toList();
    }

    @Test
    @Order(3)
    void the_totals_queried_on_aws_equal_the_ground_truth_to_the_cent() {
        assertThat(truth.events()).isPositive();
        assertThat(number("SELECT count(*) FROM events")).isEqualByComparingTo(BigDecimal.valueOf(truth.events()));
        assertThat(number("SELECT count(*) FROM orders")).isEqualByComparingTo(BigDecimal.valueOf(truth.orders()));
        assertThat(number("SELECT count(*) FROM ticket_sales")).isEqualByComparingTo(BigDecimal.valueOf(truth.tickets()));
        assertThat(number("SELECT count(*) FROM checkins WHERE NOT sold")).isEqualByComparingTo(BigDecimal.valueOf(truth.unknownCheckins()));
        assertThat(number("SELECT sum(face_value) FROM tickets")).isEqualByComparingTo(truth.faceValue());
        assertThat(number("SELECT sum(total_fees) FROM tickets")).isEqualByComparingTo(truth.totalFees());
        assertThat(number("SELECT sum(total) FROM event_settlement")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(number("SELECT sum(total) FROM daily_sales")).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
        assertThat(number("SELECT sum(total_paid) FROM orders")).isEqualByComparingTo(truth.totalPaid());
        assertThat(number("SELECT count(*) FROM stripe_charges")).isEqualByComparingTo(BigDecimal.valueOf(truth.charges()));
        truth.feesByKey().forEach((key, amount) -> assertThat(number("SELECT sum(" + (key.equals("venue_fee") ? "service_charge" : key)
                + ") FROM ticket_sales")).as(key).isEqualByComparingTo(amount));
        truth.reconciliation().forEach((status, orders) -> assertThat(number("SELECT count(*) FROM payment_reconciliation WHERE status = '"
                + status + "'")).as(status).isEqualByComparingTo(BigDecimal.valueOf(orders)));
    }

    @Test
    @Order(4)
    void the_quarantine_holds_the_two_bad_records_for_the_same_reasons_as_the_local_lake() {
        String columns = "SELECT entity, record_id, reason FROM quarantine";
        List<String> awsRows = normalized(query(pipeline, columns));
        List<String> localRows = normalized(query(localPipeline, columns));
        assertThat(awsRows).hasSize(3);
        for (int row = 1; row < 3; row++) {
            String[] aws = awsRows.get(row).split(" \\| "), local = localRows.get(row).split(" \\| ");
            assertThat(aws[0]).isEqualTo(local[0]);
            assertThat(aws[1]).as("the record made bad in S3").isEqualTo(awsBad.get(aws[0]));
            assertThat(local[1]).isEqualTo(localBad.get(local[0]));
            assertThat(aws[2]).isEqualTo(local[2]);
        }
        assertThat(String.join("\n", awsRows)).contains(QuarantineTest.BAD_AMOUNT, QuarantineTest.BAD_DATE);
    }

    @Test
    @Order(4)
    void a_query_prints_athenas_rows_as_csv_with_a_header_quoting_what_needs_it() {
        assertThat(query(pipeline, "SELECT 'Jazz, late' AS event_name, 'Say \"hi\"' AS quote, CAST(NULL AS bigint) AS tickets,"
                + " DECIMAL '12.50' AS amount UNION ALL SELECT 'Blues', '', 12, NULL ORDER BY tickets"))
                .isEqualTo("event_name,quote,tickets,amount\nBlues,,12,\n\"Jazz, late\",\"Say \"\"hi\"\"\",,12.50\n");
    }

    @Test
    @Order(5)
    void status_shows_the_run_the_tables_and_the_quarantine() {
        String status = pipeline.call("status", null, Map.of(), String.class);
        assertThat(status).contains("s3://" + BUCKET + "/" + PREFIX + "/", "Athena workgroup " + WORKGROUP, awsRun.id() + " complete",
                "raw_ticketsauce_orders", "ticket_sales", "last transform: ", "quarantine: 2 records could not be typed");
    }

    @Test
    @Order(6)
    void a_model_trino_refuses_stops_the_transform_in_one_line_naming_the_kind_and_the_model_file() {
        String table = "raw_stripe_payouts";
        Table original = glue.getTable(r -> r.databaseName(DATABASE).name(table)).table();
        List<Column> columns = new ArrayList<>(original.storageDescriptor().columns());
        Column removed = columns.stream().filter(c -> c.name().equals("arrival_date")).findFirst().orElseThrow();
        columns.remove(removed);
        glue.updateTable(r -> r.databaseName(DATABASE).tableInput(input(original, columns)));
        try {
            SqlModel failing = SqlModels.load().stream().filter(m -> m.select().contains("arrival_date")).findFirst().orElseThrow();
            assertThatThrownBy(() -> pipeline.call("transform", null, Map.of("twFull", true), String.class))
                    .isInstanceOf(LakeException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                            .startsWith("SQL model " + failing.file() + " failed: ")
                            .contains("COLUMN_NOT_FOUND", "arrival_date", "fix the model and run './tw transform' again"));
        } finally {
            glue.updateTable(r -> r.databaseName(DATABASE).tableInput(input(original, original.storageDescriptor().columns())));
        }
    }

    static TableInput input(Table table, List<Column> columns) {
        return TableInput.builder().name(table.name()).tableType(table.tableType()).parameters(table.parameters())
                .partitionKeys(table.partitionKeys()).storageDescriptor(table.storageDescriptor().toBuilder().columns(columns).build()).build();
    }

    @Test
    @Order(7)
    void a_query_over_the_workgroups_bytes_cutoff_is_cancelled_and_says_why() {
        athena.createWorkGroup(r -> r.name(CAPPED).configuration(c -> c.enforceWorkGroupConfiguration(true).bytesScannedCutoffPerQuery(1_000L)
                .resultConfiguration(o -> o.outputLocation(RESULTS))));
        try (Pipeline capped = Pipeline.start(settings(Map.of("tw.aws.athena-workgroup", CAPPED)))) {
            assertThatThrownBy(() -> query(capped, "SELECT * FROM ticket_sales"))
                    .isInstanceOf(LakeException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")
                            .matches("Athena query \\S+ CANCELLED: Query cancelled! : Bytes scanned limit was exceeded: the query read \\d+ bytes,"
                                    + " over the workgroup " + CAPPED + "'s BytesScannedCutoffPerQuery of 1000 bytes"));
            assertThat(query(capped, "SELECT 1 AS one")).as("a query that reads nothing stays under it").isEqualTo("one\n1\n");
        }
    }

    @Test
    @Order(8)
    void an_iceberg_ctas_of_athenas_dialect_makes_a_table_that_merge_updates_and_athenas_catalog_reads() throws InterruptedException {
        String table = DATABASE + ".orders_iceberg";
        athenaRun("CREATE TABLE " + table + " WITH (table_type = 'ICEBERG', is_external = false, location = 's3://" + BUCKET + "/" + PREFIX
                + "/staging/orders_iceberg/', format = 'PARQUET') AS SELECT order_id, total_paid FROM " + DATABASE + ".orders");
        athenaRun("MERGE INTO " + table + " t USING (SELECT order_id, total_paid + 1 AS total_paid FROM " + DATABASE + ".orders"
                + " UNION ALL SELECT 'new-order', DECIMAL '5.00') s ON t.order_id = s.order_id"
                + " WHEN MATCHED AND s.total_paid > t.total_paid THEN UPDATE SET total_paid = s.total_paid"
                + " WHEN NOT MATCHED THEN INSERT (order_id, total_paid) VALUES (s.order_id, s.total_paid)");
        BigDecimal expected = truth.totalPaid().add(BigDecimal.valueOf(truth.orders())).add(new BigDecimal("5.00"));
        assertThat(number("SELECT sum(total_paid) FROM orders_iceberg")).isEqualByComparingTo(expected);
        assertThat(number("SELECT count(*) FROM orders_iceberg")).isEqualByComparingTo(BigDecimal.valueOf(truth.orders() + 1));
        assertThat(number("SELECT count(*) FROM \"orders_iceberg$snapshots\"")).as("the CTAS and the MERGE").isEqualByComparingTo("2");
        athenaRun("DROP TABLE " + table);
    }

    @Test
    @Order(9)
    void a_result_longer_than_a_page_comes_whole_through_the_pages() {
        List<String> lines = query(pipeline, "SELECT n FROM UNNEST(sequence(1, 2500)) AS t (n) ORDER BY n").lines().toList();
        assertThat(lines).hasSize(2501);
        assertThat(lines.get(0)).isEqualTo("n");
        assertThat(lines.subList(1, 2501)).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 2500).mapToObj(Integer::toString).toList());
    }

    @Test
    @Order(10)
    void stop_query_execution_cancels_a_running_query() throws InterruptedException {
        String id = athena.startQueryExecution(r -> r.queryString("SELECT count(*) FROM UNNEST(sequence(1, 10000)) a (x)"
                + " CROSS JOIN UNNEST(sequence(1, 10000)) b (y) CROSS JOIN UNNEST(sequence(1, 10000)) c (z)").workGroup(WORKGROUP)
                .queryExecutionContext(c -> c.database(DATABASE))).queryExecutionId();
        while (athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status().stateAsString().equals("QUEUED")) {
            Thread.sleep(50);
        }
        athena.stopQueryExecution(r -> r.queryExecutionId(id));
        QueryExecution execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
        for (int wait = 0; wait < 300 && execution.status().stateAsString().equals("RUNNING"); wait++) {
            Thread.sleep(100);
            execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
        }
        assertThat(execution.status().stateAsString()).isEqualTo("CANCELLED");
        assertThat(execution.status().stateChangeReason()).isEqualTo("Query cancelled by user");
    }

    /**
     * The incremental refresh on the stand-in: a lake of its own (prefix and Glue database) goes through
     * {@link RefreshSequence} (syncs, killed runs, late completions, runs read twice), refreshed as it goes,
     * and its tables then equal a full rebuild's row for row. Each incremental refresh reads only its runs'
     * partitions: every statement that reads a raw table scans at most the bytes of those runs' objects,
     * however many runs the lake holds, where the full rebuild scans them all.
     */
    @Test
    @Order(11)
    void incremental_refreshes_read_only_the_new_runs_partitions_and_equal_a_full_rebuild_row_for_row() throws Exception {
        Instant now = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        try (Simulators moving = Simulators.start(13, Scale.named("6x20"), FaultPlan.none(), now, 0, 0)) {
            Map<String, String> settings = settings(moving, BUCKET, WORKGROUP, work.resolve("spool"));
            settings.putAll(Map.of("tw.archive.prefix", REFRESHED, "tw.aws.env", "refreshed", "tw.sync.transform", "false"));
            try (Pipeline refreshed = Pipeline.start(settings)) {
                Lake lake = refreshed.context().getRegistry().lookupByNameAndType("lake", Lake.class);
                List<RefreshFigures> incremental = new ArrayList<>();
                RefreshSequence.Outcome outcome = RefreshSequence.run(13, 4, moving, now, refreshed, lake, () -> { },
                        () -> measured(lake, false, incremental));
                assertThat(lake.transform(false)).as("nothing new: Athena is not asked").startsWith("refresh: no complete run since the last refresh");
                Map<String, String> tables = RefreshSequence.tables(lake);

                RefreshFigures full = new RefreshFigures();
                String report = full.measure(lake, true);
                assertThat(report).startsWith("full refresh (asked for)");
                Map<String, String> rebuilt = RefreshSequence.tables(lake);
                assertThat(tables.get("stg_stripe_charges").lines().count()).as("charges").isGreaterThan(10);
                for (String table : rebuilt.keySet()) {
                    assertThat(tables.get(table)).as("(" + outcome + "): " + table).isEqualTo(rebuilt.get(table));
                }
                for (RefreshFigures refresh : incremental) {
                    assertThat(refresh.runsRead).as("an incremental refresh reads fewer runs than the lake holds").isLessThan(full.runsRead);
                    assertThat(refresh.rawBytes).as("raw bytes scanned").isLessThan(full.rawBytes);
                    refresh.rawReads.forEach((statement, bytes) -> assertThat(bytes).as("scanned by " + statement.lines().findFirst().orElse(""))
                            .isLessThanOrEqualTo(rawBytesOf(refresh.runsListed(statement))));
                }
                assertThat(incremental).anyMatch(refresh -> !refresh.rawReads.isEmpty());

                // small refreshes (an hour of Stripe's sales each, as the 15-minute transform meets them) add files to the tables
                // they MERGE into, which the Iceberg maintenance rewrites into few, the rows unchanged
                for (int hours = 18; hours > 0; hours -= 6) {
                    moving.stripe().clock(now.minus(Duration.ofHours(hours)));
                    LoadRun sync = refreshed.call("sync", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "current"), LoadRun.class);
                    assertThat(sync.status()).isEqualTo(LoadRun.COMPLETE);
                    assertThat(lake.transform(false)).as("no maintenance within a day of the last").doesNotContain("maintenance");
                }
                Map<String, String> merged = RefreshSequence.tables(lake);
                Map<String, Long> filesBefore = dataFiles(REFRESHED_DATABASE), filesAfter;
                String maintained = ((AthenaLake) lake).maintain();
                filesAfter = dataFiles(REFRESHED_DATABASE);
                System.out.printf("iceberg maintenance: data files of the merged tables before %s, after %s; %s%n", filesBefore, filesAfter, maintained);
                assertThat(maintained).startsWith("maintenance (OPTIMIZE, VACUUM):");
                filesAfter.forEach((table, files) -> assertThat(files).as(table).isLessThanOrEqualTo(filesBefore.get(table)));
                assertThat(filesAfter.get("stg_stripe_charges")).as("the charges' files").isLessThan(filesBefore.get("stg_stripe_charges"));
                assertThat(RefreshSequence.tables(lake)).as("the tables after the maintenance").isEqualTo(merged);
                assertThat(((AthenaLake) lake).maintain()).as("nothing changed since").isEqualTo("maintenance: no table changed since the last one\n");
            }
        }
    }

    static final String REFRESHED = "refreshed", REFRESHED_DATABASE = "ticket_warehouse_refreshed";

    /** The models whose tables a refresh MERGEs into (staging), by name. */
    static List<String> mergedTables() {
        return SqlModels.load().stream().filter(m -> !m.mergeKeys().isEmpty()).map(SqlModel::name).sorted().toList();
    }

    /**
     * The data files of each merged table's current snapshot (Iceberg's {@code $files}), asked of the stand-in's
     * Iceberg catalog itself (Athena reads {@code "t$files"} in its own catalog alike).
     */
    static Map<String, Long> dataFiles(String database) throws InterruptedException {
        Map<String, Long> files = new LinkedHashMap<>();
        for (String table : mergedTables()) {
            String id = athenaRun("SELECT count(*) FROM \"" + table + "$files\"", database, "iceberg");
            // the header row, then the count
            files.put(table, Long.parseLong(athena.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows().get(1).data().get(0).varCharValue()));
        }
        return files;
    }
    private static final Pattern RUNS_LISTED = Pattern.compile("run_id IN \\(('[^)]*')\\)");

    private static final Pattern STATEMENT_KIND = Pattern.compile("(?is)^\\s*(CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:TABLE|VIEW)|\\w+)\\b(.*)");

    /**
     * What Athena bills a statement for: a SELECT, CTAS, INSERT, MERGE or DELETE that succeeded, at least 10 MB each;
     * DDL (CREATE TABLE without AS SELECT, CREATE VIEW, DROP, ALTER ... ADD PARTITION) and failed statements nothing.
     * The kind is the statement's first words: "CREATE TABLE AS", "CREATE VIEW", "MERGE", "SELECT"...
     */
    static String kind(String statement) {
        Matcher words = STATEMENT_KIND.matcher(statement.replaceAll("--[^\n]*", ""));
        if (!words.matches()) {
            return "?";
        }
        String kind = words.group(1).toUpperCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").replace("OR REPLACE ", "");
        return kind.equals("CREATE TABLE") && Pattern.compile("(?is)\\bAS\\s*\\(?\\s*(SELECT|WITH|VALUES)\\b").matcher(words.group(2)).find()
                ? "CREATE TABLE AS" : kind;
    }

    static boolean billed(QueryExecution execution) {
        return execution.status().stateAsString().equals("SUCCEEDED") && !List.of("CREATE TABLE", "CREATE VIEW", "DROP", "ALTER", "MSCK")
                .contains(kind(execution.query()));
    }

    /** The Athena statements of one refresh: how many (billed, by kind), the bytes they scanned, and those of each that read a raw table. */
    static final class RefreshFigures {
        /** A statement reads raw tables, directly or through the batch views of the runs read. */
        static final Pattern READS_RAW = Pattern.compile("(?i)\\b(?:from|join)\\s+(raw_\\w+|" + SqlModels.load().stream()
                .filter(SqlModel::batch).map(SqlModel::name).collect(java.util.stream.Collectors.joining("|")) + ")\\b");
        private static final Pattern VIEW_NAME = Pattern.compile("(?i)^\\s*CREATE\\s+OR\\s+REPLACE\\s+VIEW\\s+\\w+\\.(\\w+)");
        int statements, billed, runsRead;
        long bytes, rawBytes;
        /** Each statement that reads raw tables, directly or through the batch views: the bytes it scanned. */
        final Map<String, Long> rawReads = new LinkedHashMap<>();
        /** The runs a batch view lists. */
        final Map<String, List<String>> viewRuns = new LinkedHashMap<>();
        final Map<String, Integer> kinds = new java.util.TreeMap<>();

        String measure(Lake lake, boolean full) {
            Set<String> before = executionIds();
            long logFrom = MOTO_LOG.toFile().length();
            long started = System.nanoTime();
            String report = lake.transform(full);
            long ms = (System.nanoTime() - started) / 1_000_000;
            Map<String, Integer> s3Requests = s3Requests(logFrom);
            Matcher read = Pattern.compile("(\\d+) runs? read").matcher(report);
            runsRead = read.find() ? Integer.parseInt(read.group(1)) : 0;
            for (String id : executionIds()) {
                if (!before.contains(id)) {
                    QueryExecution execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
                    long scanned = execution.statistics() == null || execution.statistics().dataScannedInBytes() == null ? 0
                            : execution.statistics().dataScannedInBytes();
                    statements++;
                    billed += billed(execution) ? 1 : 0;
                    kinds.merge(kind(execution.query()) + (billed(execution) ? "" : " (free)"), 1, Integer::sum);
                    bytes += scanned;
                    Matcher view = VIEW_NAME.matcher(execution.query());
                    if (view.find()) {
                        viewRuns.put(view.group(1), listed(execution.query()));
                    } else if (READS_RAW.matcher(execution.query()).find()) {
                        rawBytes += scanned;
                        rawReads.put(execution.query(), scanned);
                    }
                }
            }
            // the figures the cost model reads (app/src/main/resources/cost/measured.properties)
            System.out.printf("athena refresh%s: %d statements, %d billed %s, %d bytes scanned (%d reading raw tables, of %d bytes of raw objects"
                    + " in the lake), %d runs read, %d ms, S3 requests %s%n", full ? " (full)" : "", statements, billed, kinds, bytes, rawBytes,
                    rawBytesOf(null), runsRead, ms, s3Requests);
            return report;
        }

        /**
         * The requests to the lake's bucket that moto logged since the log had this many bytes, ours and Trino's (what
         * S3 bills the bucket's owner for), by S3's price tiers: PUT, COPY, POST and LIST; GET and HEAD; DELETE is free.
         */
        static Map<String, Integer> s3Requests(long logFrom) {
            byte[] log;
            try {
                // moto writes a request's line once it answered it
                Thread.sleep(300);
                log = Files.readAllBytes(MOTO_LOG);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot read moto's log " + MOTO_LOG + ": " + e, e);
            }
            Matcher request = Pattern.compile("\"(\\w+) /" + Pattern.quote(BUCKET) + "(/[^? ]*)?(\\?\\S*)? HTTP")
                    .matcher(new String(log, (int) logFrom, log.length - (int) logFrom, StandardCharsets.UTF_8));
            Map<String, Integer> tiers = new java.util.TreeMap<>();
            while (request.find()) {
                String method = request.group(1);
                boolean bucketWide = request.group(2) == null || request.group(2).equals("/");
                String tier = method.equals("DELETE") ? "free" : List.of("PUT", "POST", "COPY").contains(method) || bucketWide ? "tier1" : "tier2";
                tiers.merge(tier, 1, Integer::sum);
            }
            return tiers;
        }

        /** The runs a statement lists as constants, itself or in the batch views it reads (none when it reads a table of them). */
        List<String> runsListed(String statement) {
            List<String> runs = new ArrayList<>(listed(statement));
            Matcher reads = READS_RAW.matcher(statement);
            while (reads.find()) {
                runs.addAll(viewRuns.getOrDefault(reads.group(1), List.of()));
            }
            assertThat(runs).as("an incremental refresh lists its runs: " + statement.lines().findFirst().orElse("")).isNotEmpty();
            return runs;
        }

        private static List<String> listed(String statement) {
            Matcher listed = RUNS_LISTED.matcher(statement);
            List<String> runs = new ArrayList<>();
            while (listed.find()) {
                Stream.of(listed.group(1).split(",")).map(r -> r.strip().replace("'", "")).forEach(runs::add);
            }
            return runs;
        }
    }

    static String measured(Lake lake, boolean full, List<RefreshFigures> figures) {
        RefreshFigures refresh = new RefreshFigures();
        String report = refresh.measure(lake, full);
        if (report.matches("(?s)refresh: \\d+ runs? read.*")) {
            figures.add(refresh);
        }
        return report;
    }

    static Set<String> executionIds() {
        Set<String> ids = new java.util.HashSet<>();
        athena.listQueryExecutionsPaginator(r -> r.workGroup(WORKGROUP)).forEach(page -> ids.addAll(page.queryExecutionIds()));
        return ids;
    }

    /** The bytes of every raw object of these runs (of every run: null), all entities together. */
    static long rawBytesOf(List<String> runs) {
        long bytes = 0;
        for (var page : s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(REFRESHED + "/raw/"))) {
            for (var object : page.contents()) {
                if (runs == null || runs.stream().anyMatch(run -> object.key().contains("/run_id=" + run + "/"))) {
                    bytes += object.size();
                }
            }
        }
        return bytes;
    }

    /** One statement through Athena's API, to its end; it must succeed. */
    static String athenaRun(String sql) throws InterruptedException {
        return athenaRun(sql, DATABASE, null);
    }

    /** One statement in this database and catalog (null: Athena's), to its end; it must succeed. Returns its id. */
    static String athenaRun(String sql, String database, String catalog) throws InterruptedException {
        String id = athena.startQueryExecution(r -> r.queryString(sql).workGroup(WORKGROUP)
                .queryExecutionContext(c -> c.database(database).catalog(catalog))).queryExecutionId();
        QueryExecution execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
        while (List.of("QUEUED", "RUNNING").contains(execution.status().stateAsString())) {
            Thread.sleep(100);
            execution = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
        }
        assertThat(execution.status().stateAsString()).as(sql + ": " + execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
        return id;
    }

    static String query(Pipeline on, String sql) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        on.call("query", sql, Map.of("twOut", new PrintStream(csv, true, StandardCharsets.UTF_8)), Object.class);
        return csv.toString(StandardCharsets.UTF_8);
    }

    static BigDecimal number(String sql) {
        List<String> lines = query(pipeline, sql).lines().toList();
        assertThat(lines).as(sql).hasSize(2);
        return lines.get(1).isEmpty() ? BigDecimal.ZERO : new BigDecimal(lines.get(1));
    }

    private static final Pattern TIMESTAMP = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}:\\d{2})(:\\d{2})?(\\.\\d+)?( UTC|Z|[+-]00(:?00)?)?");

    /**
     * The header, then every row sorted, each value as both engines mean it: a number without trailing zeros (Trino
     * writes decimals to their scale, DuckDB as they are), a timestamp to the second in one format.
     */
    static List<String> normalized(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            lines.add(String.join(" | ", row.stream().map(AthenaStandInIT::normalizedValue).toList()));
        }
        lines.sort(null);
        lines.add(0, String.join(" | ", rows.get(0)));
        return lines;
    }

    static String normalizedValue(String value) {
        var timestamp = TIMESTAMP.matcher(value);
        if (timestamp.matches()) {
            return timestamp.group(1) + " " + timestamp.group(2) + (timestamp.group(3) == null ? ":00" : timestamp.group(3));
        }
        try {
            return new BigDecimal(value).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    /** RFC 4180, as the product's query prints it. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else if (c != '\r') {
                    field.append(c);
                }
            }
            return rows;
        }
    }
}
