package com.ticketwarehouse.aws;

import com.ticketwarehouse.archive.Archive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.lake.Compaction;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.JobState;
import com.ticketwarehouse.lake.AthenaLake;
import com.ticketwarehouse.lake.CrawlerDefinitions;
import com.ticketwarehouse.aws.S3Objects;
import com.ticketwarehouse.lake.LakeException;
import com.ticketwarehouse.lake.LakeFiles;
import com.ticketwarehouse.lake.LakeLease;
import com.ticketwarehouse.lake.LeaseRaces;
import com.ticketwarehouse.lake.RawTableDdl;
import com.ticketwarehouse.lake.S3Store;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Crawler;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aws target against moto: a load of a simulated account archived to S3 and read back, the
 * Glue crawlers and partitions, the Athena statements of a transform, a query, status and purge,
 * all checked on what moto recorded through the AWS APIs, not on our own calls. moto's Athena runs
 * no SQL: this test stays fast (no Trino) and checks what is sent; {@link AthenaStandInIT} runs the
 * same aws target's SQL for real and checks what comes back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("emulators")
class AwsLakeTest {
    static final String BUCKET = "tw-test", PREFIX = "lake", DATABASE = "ticket_warehouse_test";
    static final String ROLE = "arn:aws:iam::123456789012:role/tw-crawler", CRAWLERS = "ticket-warehouse-test-";
    static final List<String> OUTSIDE = List.of("outside/keep.txt", "lake-other/keep.txt", "lakes/keep.txt");
    static final ObjectMapper JSON = new ObjectMapper();

    static MotoServer moto;
    static Simulators simulators;
    static Pipeline pipeline;
    static AthenaLake lake;
    static LoadRun run;
    static String crawlReport;
    static S3Client s3;
    static GlueClient glue;
    static AthenaClient athena;

    /** Where objects are written until whole, before their upload. */
    static final Path SPOOL = temporaryFolder();

    static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("tw-spool-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void loadAndCrawl() {
        moto = MotoServer.start();
        s3 = moto.s3();
        glue = moto.glue();
        athena = moto.athena();
        // a crawl runs for a second, so that the lake has to wait for it
        moto.transition("glue::crawl", "{\"progression\": \"time\", \"seconds\": 1}");
        s3.createBucket(r -> r.bucket(BUCKET));
        OUTSIDE.forEach(key -> s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString("not the lake's")));
        try (var secrets = moto.secretsManager()) {
            secrets.createSecret(r -> r.name("ticket-warehouse/test/ticketsauce").secretString(
                    "{\"client_id\":\"" + Simulators.CLIENT_ID + "\",\"client_secret\":\"" + Simulators.CLIENT_SECRET + "\"}"));
            secrets.createSecret(r -> r.name("ticket-warehouse/test/stripe").secretString("{\"api_key\":\"" + Simulators.STRIPE_KEY + "\"}"));
        }
        simulators = Simulators.start(7, Scale.named("4x10"), FaultPlan.none(), Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);
        pipeline = Pipeline.start(settings(Map.of()));
        lake = pipeline.context().getRegistry().lookupByNameAndType("lake", AthenaLake.class);
        run = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        crawlReport = pipeline.call("crawl", null, Map.of(), String.class);
    }

    /** The aws target on moto, with no API credentials among the settings: they come from Secrets Manager. */
    static Map<String, String> settings(Map<String, String> more) {
        Map<String, String> settings = AwsTargetSettings.of(simulators, BUCKET, PREFIX, SPOOL, 20);
        settings.keySet().removeAll(List.of("ticketsauce.client-id", "ticketsauce.client-secret", "stripe.api-key"));
        settings.put("tw.aws.crawler-role", ROLE);
        settings.putAll(more);
        return settings;
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(pipeline, simulators, moto);
    }

    @Test
    @Order(1)
    void the_credentials_came_from_secrets_manager() {
        assertThat(System.getenv("TICKETSAUCE_CLIENT_ID")).as("TICKETSAUCE_CLIENT_ID would win over the secret").isNull();
        assertThat(System.getenv("STRIPE_API_KEY")).as("STRIPE_API_KEY would win over the secret").isNull();
        assertThat(run.status()).as(String.valueOf(run.error())).isEqualTo(LoadRun.COMPLETE);
        assertThat(run.records()).isPositive();
    }

    @Test
    @Order(2)
    void every_object_is_gzip_json_lines_under_the_prefix_and_counts_match_the_run() throws IOException {
        Pattern raw = Pattern.compile(PREFIX + "/raw/([a-z]+)/([a-z_]+)/load_date=" + run.loadDate() + "/run_id=" + Pattern.quote(run.id())
                + "/[A-Za-z0-9_.-]+\\.json\\.gz");
        String manifestKey = PREFIX + "/" + Archive.manifestKey(run.id());
        Map<String, Long> records = new TreeMap<>();
        boolean manifest = false;
        for (S3Object object : objects(PREFIX + "/")) {
            String key = object.key();
            if (key.startsWith(PREFIX + "/activity/") || key.startsWith(PREFIX + "/state/")) {
                continue;
            }
            byte[] content = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
            if (key.equals(manifestKey)) {
                JsonNode m = JSON.readTree(content);
                assertThat(m.path("status").asText()).isEqualTo(LoadRun.COMPLETE);
                assertThat(m.path("records").asLong()).isEqualTo(run.records());
                run.entities().forEach((entity, counts) -> {
                    assertThat(m.path("entities").path(entity).path("records").asLong()).as(entity).isEqualTo(counts.records.get());
                    assertThat(m.path("entities").path(entity).path("files").asLong()).as(entity).isEqualTo(counts.files.get());
                });
                manifest = true;
                continue;
            }
            Matcher matcher = raw.matcher(key);
            assertThat(matcher.matches()).as("an archive key: " + key).isTrue();
            String entity = matcher.group(1) + "/" + matcher.group(2);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(content)),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    assertThat(JSON.readTree(line).isObject()).as(key + " holds JSON objects, one a line").isTrue();
                    records.merge(entity, 1L, Long::sum);
                }
            }
        }
        assertThat(manifest).as("the run's manifest " + manifestKey).isTrue();
        assertThat(records).isEqualTo(archived());
        try (Stream<Path> spooled = Files.walk(SPOOL)) {
            assertThat(spooled.filter(Files::isRegularFile)).as("each object was deleted from the spool once uploaded").isEmpty();
        }
        assertThat(records.keySet()).contains("ticketsauce/events", "ticketsauce/orders", "stripe/charges");
    }

    @Test
    @Order(3)
    void crawl_made_and_started_a_crawler_over_each_defined_table_that_logs_schema_changes_instead_of_applying_them() {
        assertThat(glue.getDatabase(r -> r.name(DATABASE)).database().name()).isEqualTo(DATABASE);
        Map<String, Crawler> crawlers = new TreeMap<>();
        glue.getCrawlersPaginator(r -> r.maxResults(10)).forEach(page -> page.crawlers().forEach(c -> crawlers.put(c.name(), c)));
        List<String> entities = List.of("stripe/balance_transactions", "stripe/charges", "stripe/disputes", "stripe/events", "stripe/payouts",
                "stripe/refunds", "ticketsauce/checkins", "ticketsauce/events", "ticketsauce/orders");
        List<String> expectedNames = new ArrayList<>();
        entities.forEach(e -> expectedNames.add(CRAWLERS + "raw-" + e.replace('/', '-').replace('_', '-')));
        assertThat(crawlers.keySet()).containsExactlyInAnyOrderElementsOf(expectedNames);
        assertThat(CrawlerDefinitions.of(CRAWLERS, DATABASE)).extracting(CrawlerDefinition::name)
                .as("the definitions the stacks share").containsExactlyInAnyOrderElementsOf(expectedNames);
        for (CrawlerDefinition definition : CrawlerDefinitions.of(CRAWLERS, DATABASE)) {
            Crawler crawler = crawlers.get(definition.name());
            assertThat(crawler.databaseName()).isEqualTo(DATABASE);
            assertThat(crawler.role()).isEqualTo(ROLE);
            assertThat(crawler.targets().s3Targets()).as("no crawler infers a table from S3").isEmpty();
            assertThat(crawler.targets().catalogTargets()).singleElement().satisfies(t -> {
                assertThat(t.databaseName()).isEqualTo(DATABASE);
                assertThat(t.tables()).containsExactlyElementsOf(definition.catalogTables());
            });
            assertThat(crawler.schemaChangePolicy().updateBehaviorAsString()).isEqualTo("LOG");
            assertThat(crawler.schemaChangePolicy().deleteBehaviorAsString()).isEqualTo("LOG");
            assertThat(crawler.configuration()).contains("\"AddOrUpdateBehavior\":\"InheritFromTable\"");
        }
        for (String entity : entities) {
            Crawler crawler = crawlers.get(CRAWLERS + "raw-" + entity.replace('/', '-').replace('_', '-'));
            assertThat(crawler.targets().catalogTargets().get(0).tables()).containsExactly("raw_" + entity.replace('/', '_'));
            assertThat(crawler.lastCrawl() != null).as(entity + " was crawled iff it has archives").isEqualTo(archived().containsKey(entity));
        }
        Table loadRuns = glue.getTable(r -> r.databaseName(DATABASE).name("load_runs")).table();
        assertThat(loadRuns.storageDescriptor().location()).isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/manifests/");
        assertThat(loadRuns.partitionKeys()).extracting(c -> c.name()).containsExactly("run_id");
        assertThat(crawlReport).contains("raw_ticketsauce_orders: no schema change").doesNotContain("load_runs");
        List<String> recorded = new ArrayList<>();
        moto.data().path("glue").path("FakeCrawler").forEach(c -> recorded.add(c.path("name").asText()));
        assertThat(recorded).as("moto's own record").containsExactlyInAnyOrderElementsOf(expectedNames);
    }

    @Test
    @Order(4)
    void crawl_made_every_raw_table_as_the_ddl_defines_it() {
        Table orders = glue.getTable(r -> r.databaseName(DATABASE).name("raw_ticketsauce_orders")).table();
        assertThat(orders.storageDescriptor().location()).isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/raw/ticketsauce/orders/");
        assertThat(orders.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo("org.openx.data.jsonserde.JsonSerDe");
        assertThat(orders.partitionKeys()).extracting(c -> c.name()).containsExactly("load_date", "run_id");
        Map<String, String> columns = new LinkedHashMap<>();
        orders.storageDescriptor().columns().forEach(c -> columns.put(c.name(), c.type()));
        assertThat(columns).containsOnlyKeys("tw_fetched_at", "tw_source_run", "tw_source_object", "order", "ticket", "lineitemfees");
        assertThat(columns.get("order")).startsWith("struct<id:string,event_id:string,").contains("total_paid:string");
        assertThat(columns.get("ticket")).startsWith("array<struct<id:string,").contains(",tickettype:string,lineitemfees:string>>");
        Table charges = glue.getTable(r -> r.databaseName(DATABASE).name("raw_stripe_charges")).table();
        assertThat(charges.storageDescriptor().columns()).as("every value text: the models type it").allSatisfy(c -> assertThat(c.type()).isEqualTo("string"))
                .extracting(c -> c.name()).contains("tw_fetched_at", "amount", "metadata", "created");
        List<String> tables = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(DATABASE)).forEach(page -> page.tableList().forEach(t -> tables.add(t.name())));
        assertThat(tables).as("also the tables of entities with no archives yet").containsExactlyInAnyOrderElementsOf(
                RawTableDdl.tables().stream().map(RawTableDdl.Table::name).toList());
    }

    @Test
    @Order(5)
    void a_loads_partitions_are_registered_in_glue() {
        String report = lake.registerPartitions(run);
        assertThat(lake.registerPartitions(run)).as("registering again changes nothing").isEqualTo(report);
        for (String entity : run.entities().keySet()) {
            String table = "raw_" + entity.replace('/', '_');
            List<Partition> partitions = glue.getPartitions(r -> r.databaseName(DATABASE).tableName(table)).partitions();
            if (!archived().containsKey(entity)) {
                assertThat(partitions).as(table + " archived nothing in this run").isEmpty();
                continue;
            }
            assertThat(partitions).as(table).singleElement().satisfies(p -> {
                assertThat(p.values()).containsExactly(run.loadDate(), run.id());
                assertThat(p.storageDescriptor().location()).isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/raw/" + entity
                        + "/load_date=" + run.loadDate() + "/run_id=" + run.id() + "/");
            });
        }
        assertThat(glue.getPartitions(r -> r.databaseName(DATABASE).tableName("load_runs")).partitions()).singleElement().satisfies(p -> {
            assertThat(p.values()).containsExactly(run.id());
            assertThat(p.storageDescriptor().location()).as("the run's manifests, filed by day")
                    .isEqualTo("s3://" + BUCKET + "/" + PREFIX + "/" + Archive.manifestFolder(run.id()));
        });
    }

    @Test
    @Order(5)
    void manifests_a_lake_kept_before_they_were_filed_by_day_are_listed_from_a_mark_with_the_filed_ones() {
        LakeFiles files = new LakeFiles(new S3Store(new S3Objects(s3, BUCKET), PREFIX + "/"));
        String before = "20200101T000000Z-0001", unfiled = "20200102T000000Z-0002";
        for (String old : List.of(before, unfiled)) {
            s3.putObject(r -> r.bucket(BUCKET).key(PREFIX + "/manifests/run_id=" + old + "/manifest.json"),
                    RequestBody.fromString("{\"run_id\":\"" + old + "\",\"status\":\"complete\",\"records\":0}"));
        }
        try {
            assertThat(files.manifestKeys("20200102T000000Z")).containsExactly("manifests/run_id=" + unfiled + "/manifest.json",
                    Archive.manifestKey(run.id()));
            assertThat(files.manifest(unfiled).path("run_id").asText()).isEqualTo(unfiled);
            assertThat(new S3Objects(s3, BUCKET).keys(PREFIX + "/manifests/", "", PREFIX + "/manifests/run_id="))
                    .as("a listing bounded before the unfiled ones").containsExactly(PREFIX + "/" + Archive.manifestKey(run.id()));
        } finally {
            for (String old : List.of(before, unfiled)) {
                s3.deleteObject(r -> r.bucket(BUCKET).key(PREFIX + "/manifests/run_id=" + old + "/manifest.json"));
            }
        }
    }

    @Test
    @Order(6)
    void a_table_a_crawler_inferred_and_a_crawler_over_s3_are_made_as_defined_again_keeping_the_partitions() {
        String table = "raw_stripe_charges", crawler = CRAWLERS + "raw-stripe-charges";
        int partitions = glue.getPartitions(r -> r.databaseName(DATABASE).tableName(table)).partitions().size();
        // as an older version left them: a table with the types a crawler inferred, its crawler over S3 applying what it infers
        glue.updateTable(r -> r.databaseName(DATABASE).tableInput(t -> t.name(table).tableType("EXTERNAL_TABLE")
                .partitionKeys(GlueCatalog.column("load_date", "string"), GlueCatalog.column("run_id", "string"))
                .storageDescriptor(StorageDescriptor.builder().location("s3://" + BUCKET + "/" + PREFIX + "/raw/stripe/charges/")
                        .columns(GlueCatalog.column("id", "string"), GlueCatalog.column("amount", "bigint"))
                        .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build()).build())));
        glue.deleteCrawler(r -> r.name(crawler));
        glue.createCrawler(r -> r.name(crawler).role(ROLE).databaseName(DATABASE).tablePrefix("raw_stripe_")
                .targets(t -> t.s3Targets(s -> s.path("s3://" + BUCKET + "/" + PREFIX + "/raw/stripe/charges/")))
                .schemaChangePolicy(p -> p.updateBehavior("UPDATE_IN_DATABASE").deleteBehavior("DEPRECATE_IN_DATABASE")));

        String report = pipeline.call("crawl", null, Map.of(), String.class);
        assertThat(report).contains(table + ": redefined as athena/raw_tables.sql defines it", "crawler " + crawler + ": replaced")
                .doesNotContain("raw_stripe_refunds: redefined");
        assertThat(glue.getTable(r -> r.databaseName(DATABASE).name(table)).table().storageDescriptor().columns())
                .extracting(c -> c.type()).containsOnly("string");
        assertThat(glue.getPartitions(r -> r.databaseName(DATABASE).tableName(table)).partitions()).hasSize(partitions);
        Crawler replaced = glue.getCrawler(r -> r.name(crawler)).crawler();
        assertThat(replaced.targets().s3Targets()).isEmpty();
        assertThat(replaced.schemaChangePolicy().updateBehaviorAsString()).isEqualTo("LOG");
        assertThat(pipeline.call("crawl", null, Map.of(), String.class)).as("a second crawl changes nothing")
                .doesNotContain("redefined", "replaced", "created");
    }

    @Test
    @Order(7)
    void the_first_transform_makes_each_kept_table_by_an_iceberg_ctas_and_each_batch_a_scratch_table_dropped_after() {
        s3.putObject(r -> r.bucket(BUCKET).key(PREFIX + "/curated/events/stale.parquet"), RequestBody.fromString("old"));
        List<SqlModel> models = SqlModels.load();
        // moto hands queued results to queries as they start: none to the table of the runs read and to each model's CTAS,
        // then the quarantine's count
        moto.athenaResults("{\"results\": [" + "{\"rows\": [], \"column_info\": []}, ".repeat(1 + models.size()) + """
                {"rows": [{"Data": [{"VarCharValue": "records"}]}, {"Data": [{"VarCharValue": "3"}]}],
                  "column_info": [{"Name": "records", "Label": "records", "Type": "bigint"}]}]}""");
        Map<String, Long> before = AwsRequests.counts();
        String report = pipeline.call("transform", null, Map.of(), String.class);
        System.out.printf("AwsRequests (scale 4x10): transform %s%n", AwsRequests.since(before));
        assertThat(report.lines()).hasSize(models.size() + 2);
        assertThat(report).startsWith("full refresh (no refresh before): ")
                .endsWith("quarantine: 3 records could not be typed and were left out; see them with"
                + " ./tw query \"SELECT * FROM quarantine\" (a later good load of a record replaces it)\n");
        assertThat(objects(PREFIX + "/curated/")).as("each model's curated prefix emptied before its CTAS").isEmpty();
        assertThat(objects(PREFIX + "/scratch/")).isEmpty();
        assertThat(glue.getTables(r -> r.databaseName(DATABASE)).tableList()).as("the scratch tables dropped")
                .noneMatch(t -> t.storageDescriptor().location().contains("/scratch/"));

        List<QueryExecution> executions = new ArrayList<>();
        athena.listQueryExecutionsPaginator(r -> r.workGroup("primary")).forEach(page -> page.queryExecutionIds()
                .forEach(id -> executions.add(athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution())));
        assertThat(executions).hasSize(1 + models.size() + 1);
        for (QueryExecution execution : executions) {
            assertThat(execution.workGroup()).isEqualTo("primary");
            assertThat(execution.queryExecutionContext().database()).isEqualTo(DATABASE);
            assertThat(execution.resultConfiguration().outputLocation()).startsWith("s3://" + BUCKET + "/" + PREFIX + "/athena-results/");
        }
        List<String> statements = executions.stream().map(QueryExecution::query).toList();
        String lake = "s3://" + BUCKET + "/" + PREFIX;
        for (SqlModel model : models) {
            assertThat(statements).contains((model.batch() ? "CREATE OR REPLACE VIEW " + DATABASE + "." + model.name() + " AS\n"
                    : "CREATE TABLE " + DATABASE + "." + model.name() + " WITH (table_type = 'ICEBERG', is_external = false, location = '" + lake
                    + "/curated/" + model.name() + "/', format = 'PARQUET'"
                    + (model.tableProperties().isEmpty() ? "" : ", partitioning = ARRAY['bucket(event_id, 32)']") + ") AS\n")
                    + model.select());
        }
        assertThat(models).filteredOn(model -> !model.tableProperties().isEmpty()).extracting(SqlModel::tableProperties)
                .as("Hive's bucketing, made Iceberg's partitioning").containsExactly("bucketed_by = ARRAY['event_id'], bucket_count = 32");
        assertThat(statements).anyMatch(q -> q.startsWith("CREATE TABLE " + DATABASE + ".refresh_runs WITH (format = 'PARQUET', external_location = '"
                + lake + "/scratch/refresh_runs/') AS\nSELECT run_id FROM (VALUES ('"));
        assertThat(statements).contains("SELECT count(*) AS records FROM " + DATABASE + ".quarantine");
        Map<String, Long> idle = AwsRequests.counts();
        assertThat(pipeline.call("transform", null, Map.of(), String.class)).as("no new run")
                .matches("refresh: no complete run since the last refresh; nothing to do \\(\\d+ ms\\)\n");
        Map<String, Long> sent = AwsRequests.since(idle);
        System.out.printf("AwsRequests (scale 4x10): transform with nothing new %s%n", sent);
        assertThat(sent.keySet()).as("Athena is not asked").noneMatch(request -> request.startsWith("Athena:"));
    }

    @Test
    @Order(8)
    void a_query_athena_refuses_stops_the_transform_naming_the_model_and_athenas_error() {
        try (Pipeline wrongWorkgroup = Pipeline.start(settings(Map.of("tw.aws.athena-workgroup", "no-such-workgroup")))) {
            String first = SqlModels.load().get(0).file();
            assertThatThrownBy(() -> wrongWorkgroup.call("transform", null, Map.of("twFull", true), String.class))
                    .isInstanceOf(LakeException.class)
                    .hasMessageContaining("transform cannot run " + first + " on this lake")
                    .hasMessageContaining("WorkGroup does not exist")
                    .hasMessageContaining("the setup is wrong, not the model");
        }
    }

    @Test
    @Order(10)
    void a_query_that_would_change_the_lake_is_refused_before_athena_runs_it() {
        List<String> before = queryExecutions();
        for (String statement : List.of("DROP TABLE events", "DELETE FROM events", "INSERT INTO events SELECT * FROM events",
                "CREATE TABLE copy AS SELECT * FROM events", "UNLOAD (SELECT * FROM events) TO 's3://" + BUCKET + "/" + PREFIX + "/raw/' WITH (format = 'JSON')",
                "MSCK REPAIR TABLE load_runs", "EXPLAIN ANALYZE INSERT INTO events SELECT * FROM events", "SELECT 1; DROP TABLE events")) {
            assertThatThrownBy(() -> pipeline.call("query", statement, Map.of("twOut", new PrintStream(new ByteArrayOutputStream())), Object.class))
                    .as(statement).isInstanceOf(LakeException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").matches("query (only reads: .* refused and the lake is "
                            + "unchanged \\(load, crawl, transform and purge are the commands that change it\\)|runs one statement, .*)"));
        }
        assertThat(queryExecutions()).as("Athena ran none of them").isEqualTo(before);
    }

    static List<String> queryExecutions() {
        List<String> ids = new ArrayList<>();
        athena.listQueryExecutionsPaginator(r -> r.workGroup("primary")).forEach(page -> ids.addAll(page.queryExecutionIds()));
        return ids;
    }

    @Test
    @Order(11)
    void status_shows_the_runs_tables_and_last_crawl_and_transform_and_a_run_whose_heartbeat_stopped_as_abandoned() {
        String killed = "20260101T000000Z-dead";
        s3.putObject(r -> r.bucket(BUCKET).key(PREFIX + "/" + Archive.manifestKey(killed)), RequestBody.fromString(
                "{\"run_id\":\"" + killed + "\",\"status\":\"running\",\"sources\":\"all\",\"time_range\":\"all\",\"records\":7,"
                        + "\"started_at\":\"2026-01-01T00:00:00Z\",\"host\":\"a-lambda-long-gone\",\"pid\":9,"
                        + "\"heartbeat_at\":\"2026-01-01T00:00:40Z\",\"heartbeat_seconds\":10}"));
        String status = pipeline.call("status", null, Map.of(), String.class);
        assertThat(status).contains("s3://" + BUCKET + "/" + PREFIX + "/", run.id() + " complete", "load_runs", "raw_ticketsauce_orders",
                "last crawl: ", "last transform: ", "quarantine: 3 records could not be typed");
        assertThat(status).containsPattern(killed + " abandoned .* last seen 2026-01-01T00:00:40Z \\(its process is gone\\)");
    }

    @Test
    @Order(12)
    void syncs_keep_their_watermarks_and_job_state_in_the_bucket() {
        LoadRun first = pipeline.call("sync", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(first.status()).isEqualTo(LoadRun.COMPLETE);
        assertThat(((StripeSync) first.increment()).full()).as("a sync after a load reads everything the first time").isTrue();
        byte[] stored = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(PREFIX + "/state/" + StripeSync.STATE)).asByteArray();
        assertThat(StripeSync.Watermarks.parse(stored).runId()).isEqualTo(first.id());

        JobRuns jobs = pipeline.context().getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        JobState state = jobs.run("sync-current").orElseThrow();
        assertThat(state.status()).as(state.line()).isEqualTo(JobState.COMPLETE);
        assertThat(jobs.last("sync-current")).contains(state);
        assertThat(objects(PREFIX + "/state/")).extracting(S3Object::key)
                .contains(PREFIX + "/state/jobs/sync-current.json", PREFIX + "/state/" + StripeSync.STATE);
        assertThat(StripeSync.Watermarks.parse(lake.readState(StripeSync.STATE).orElseThrow()).runId()).as("the incremental sync moved them on")
                .isEqualTo(state.runId());
    }

    @Test
    @Order(13)
    void compaction_on_s3_makes_the_days_runs_one_run_of_few_objects_with_their_lineage_and_registers_its_partitions() throws IOException {
        // the requests of the jobs, for the cost model (BENCHMARKS.md): an unchanged sync-current, a compaction
        JobRuns jobs = pipeline.context().getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        Map<String, Long> before = AwsRequests.counts();
        JobState unchanged = jobs.run("sync-current").orElseThrow();
        Map<String, Long> syncRequests = AwsRequests.since(before);
        assertThat(unchanged.records()).as("nothing changed since the load").isZero();

        // a second run with data: with the fingerprints gone, a load archives everything again
        objects(PREFIX + "/state/fingerprints/").forEach(o -> s3.deleteObject(r -> r.bucket(BUCKET).key(o.key())));
        LoadRun again = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(again.records()).isEqualTo(run.records());
        before = AwsRequests.counts();
        String report = pipeline.call("compact", null, Map.of("through", run.loadDate()), String.class);
        System.out.printf("AwsRequests (scale 4x10): unchanged sync-current %s; compaction of 2 runs %s%n", syncRequests, AwsRequests.since(before));
        assertThat(report).contains(run.loadDate() + ": 2 runs compacted into ");

        List<String> runFolders = objects(PREFIX + "/raw/").stream().map(o -> o.key().replaceAll(".*/run_id=([^/]+)/.*", "$1")).distinct().toList();
        assertThat(runFolders).as("the replaced runs' objects are gone").singleElement().satisfies(id -> assertThat(id).isNotIn(run.id(), again.id()));
        String compaction = runFolders.get(0);
        JsonNode manifest = JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(PREFIX + "/" + Archive.manifestKey(compaction))).asByteArray());
        assertThat(manifest.path("kind").asText()).isEqualTo(Compaction.KIND);
        assertThat(manifest.path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        assertThat(manifest.path("replaces").toString()).isEqualTo(JSON.writeValueAsString(java.util.stream.Stream.of(run.id(), again.id()).sorted().toList()));
        for (String replaced : List.of(run.id(), again.id())) {
            assertThat(JSON.readTree(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(PREFIX + "/" + Archive.manifestKey(replaced))).asByteArray())
                    .path("status").asText()).isEqualTo(Compaction.REPLACED);
        }
        Map<String, Long> bySourceRun = new TreeMap<>();
        for (S3Object object : objects(PREFIX + "/raw/")) {
            byte[] content = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(object.key())).asByteArray();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(content)), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    JsonNode record = JSON.readTree(line);
                    assertThat(record.path(Compaction.SOURCE_OBJECT).asText()).startsWith("raw/").contains("/run_id=" + record.path(Compaction.SOURCE_RUN).asText() + "/");
                    bySourceRun.merge(record.path(Compaction.SOURCE_RUN).asText(), 1L, Long::sum);
                }
            }
        }
        assertThat(bySourceRun).as("every record once, with the run that first archived it").isEqualTo(Map.of(run.id(), run.records(), again.id(), again.records()));
        // the replaced runs' partitions went with their objects: the table's partitions do not grow with every run ever made
        assertThat(glue.getPartitions(r -> r.databaseName(DATABASE).tableName("raw_stripe_charges")).partitions())
                .singleElement().satisfies(p -> assertThat(p.values()).containsExactly(run.loadDate(), compaction));
        assertThat(glue.getPartitions(r -> r.databaseName(DATABASE).tableName("load_runs")).partitions())
                .anySatisfy(p -> assertThat(p.values()).containsExactly(compaction));
    }

    @Test
    @Order(14)
    void purge_empties_the_prefix_in_batches_and_drops_the_tables_leaving_the_rest_of_the_bucket() {
        for (int i = 0; i < 1100; i++) {
            String key = PREFIX + "/curated/bulk/part-" + i;
            s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(""));
        }
        glue.createTable(r -> r.databaseName(DATABASE).tableInput(t -> t.name("not_ours")));
        String report = pipeline.call("purge", null, Map.of(), String.class);
        assertThat(report).contains("removed ");
        assertThat(objects(PREFIX + "/")).isEmpty();
        assertThat(objects("")).extracting(S3Object::key).containsExactlyInAnyOrderElementsOf(OUTSIDE);
        List<String> tables = new ArrayList<>();
        glue.getTablesPaginator(r -> r.databaseName(DATABASE)).forEach(page -> page.tableList().forEach(t -> tables.add(t.name())));
        assertThat(tables).containsExactly("not_ours");
    }

    @Test
    @Order(15)
    void settings_from_the_environment_win_over_the_secret() {
        try (var secrets = moto.secretsManager()) {
            secrets.createSecret(r -> r.name("wrong/stripe").secretString("{\"api_key\":\"sk_test_wrong\"}"));
        }
        try (Pipeline withKey = Pipeline.start(settings(Map.of("tw.aws.stripe-secret", "wrong/stripe", "stripe.api-key", Simulators.STRIPE_KEY)))) {
            LoadRun stripe = withKey.call("load", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "all"), LoadRun.class);
            assertThat(stripe.status()).as(String.valueOf(stripe.error())).isEqualTo(LoadRun.COMPLETE);
        }
        try (Pipeline withSecret = Pipeline.start(settings(Map.of("tw.aws.stripe-secret", "wrong/stripe")))) {
            LoadRun stripe = withSecret.call("load", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "all"), LoadRun.class);
            assertThat(stripe.status()).as("the wrong key of the secret was used").isEqualTo(LoadRun.FAILED);
        }
    }

    @Test
    @Order(16)
    void the_next_load_aborts_the_unfinished_uploads_of_ended_runs_and_leaves_those_of_a_run_at_work() {
        String killed = "20260101T000000Z-dead", working = "20260101T000000Z-busy";
        s3.putObject(r -> r.bucket(BUCKET).key(PREFIX + "/" + Archive.manifestKey(killed)), RequestBody.fromString(
                "{\"run_id\":\"" + killed + "\",\"status\":\"running\",\"host\":\"gone\",\"pid\":9,"
                        + "\"started_at\":\"2026-01-01T00:00:00Z\",\"heartbeat_at\":\"2026-01-01T00:00:40Z\",\"heartbeat_seconds\":10}"));
        s3.putObject(r -> r.bucket(BUCKET).key(PREFIX + "/" + Archive.manifestKey(working)), RequestBody.fromString(
                "{\"run_id\":\"" + working + "\",\"status\":\"running\",\"host\":\"elsewhere\",\"pid\":9,"
                        + "\"started_at\":\"" + Instant.now() + "\",\"heartbeat_at\":\"" + Instant.now() + "\",\"heartbeat_seconds\":10}"));
        String ofKilled = PREFIX + "/raw/stripe/charges/load_date=2026-01-01/run_id=" + killed + "/00001.json.gz";
        String ofWorking = PREFIX + "/raw/stripe/charges/load_date=2026-01-01/run_id=" + working + "/00001.json.gz";
        for (String key : List.of(ofKilled, ofWorking)) {
            String upload = s3.createMultipartUpload(r -> r.bucket(BUCKET).key(key)).uploadId();
            s3.uploadPart(r -> r.bucket(BUCKET).key(key).uploadId(upload).partNumber(1), RequestBody.fromString("half an archive"));
        }
        LoadRun next = pipeline.call("load", null, Map.of(Loads.SOURCE, "stripe", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(next.status()).isEqualTo(LoadRun.COMPLETE);
        List<String> unfinished = new ArrayList<>();
        s3.listMultipartUploadsPaginator(r -> r.bucket(BUCKET).prefix(PREFIX + "/")).uploads().forEach(u -> unfinished.add(u.key()));
        assertThat(unfinished).containsExactly(ofWorking);
    }

    /**
     * A transform started by hand while the scheduled function transforms: the function holds the lake's transform
     * lease (written with S3's If-None-Match, renewed while it works), so the second says so in one line and changes
     * nothing: no Athena statement, no object written or deleted. Of two that start at once, exactly one takes it.
     */
    @Test
    @Order(17)
    void a_second_transform_beside_a_running_one_says_so_in_one_line_and_changes_nothing() throws Exception {
        String lease = PREFIX + "/state/transform.lease";
        s3.putObject(r -> r.bucket(BUCKET).key(lease), RequestBody.fromBytes(JSON.writeValueAsBytes(Map.of("owner", "the function",
                "holder", "pid 8 on 169.254.12.1", "host", "169.254.12.1", "pid", 8, "renewed_at", Instant.now().toString()))));
        Map<String, String> before = eTags();
        Map<String, Long> requests = AwsRequests.counts();
        assertThatThrownBy(() -> pipeline.call("transform", null, Map.of("twFull", true), String.class)).isInstanceOf(LakeException.class)
                .hasMessageMatching("another transform \\(pid 8 on 169\\.254\\.12\\.1\\) runs on this lake: its lease was renewed \\d+ s ago; "
                        + "this one stopped without changing anything");
        assertThat(AwsRequests.since(requests).keySet()).as("Athena is not asked").noneMatch(request -> request.startsWith("Athena:"));
        assertThat(eTags()).as("every object of the lake as it was").isEqualTo(before);
        s3.deleteObject(r -> r.bucket(BUCKET).key(lease));

        for (int round = 0; round < 5; round++) {
            LakeLease a = new LakeLease(lake.files(), "transform.lease", "transform", "stopped", Duration.ofMinutes(2), Clock.systemUTC());
            LakeLease b = new LakeLease(lake.files(), "transform.lease", "transform", "stopped", Duration.ofMinutes(2), Clock.systemUTC());
            assertThat(LeaseRaces.acquireAtOnce(List.of(a, b))).as("round " + round).containsOnlyOnce("taken");
            a.release();
            b.release();
        }
        assertThat(objects(lease)).as("released").isEmpty();
    }

    /** Every object of the lake, with its ETag. */
    static Map<String, String> eTags() {
        Map<String, String> tags = new TreeMap<>();
        objects(PREFIX + "/").forEach(o -> tags.put(o.key(), o.eTag()));
        return tags;
    }

    /** What the run archived: records by entity, leaving out the entities whose every page was empty (those are not written). */
    static Map<String, Long> archived() {
        Map<String, Long> archived = new TreeMap<>();
        run.entities().forEach((entity, counts) -> {
            if (counts.records.get() > 0) {
                archived.put(entity, counts.records.get());
            }
        });
        return archived;
    }

    static List<S3Object> objects(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }
}
