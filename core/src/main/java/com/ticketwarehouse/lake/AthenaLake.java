package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.aws.GlueCatalog;
import com.ticketwarehouse.aws.GlueCatalog.CrawlerSpec;
import com.ticketwarehouse.aws.S3Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.athena.Athena2Constants;
import org.apache.camel.component.aws2.athena.Athena2Operations;
import org.apache.camel.component.aws2.athena.Athena2OutputType;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.QueryExecutionStatus;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.glue.model.CatalogTarget;
import software.amazon.awssdk.services.glue.model.CrawlerTargets;
import software.amazon.awssdk.services.glue.model.DeleteBehavior;
import software.amazon.awssdk.services.glue.model.S3Target;
import software.amazon.awssdk.services.glue.model.SchemaChangePolicy;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;
import software.amazon.awssdk.services.glue.model.UpdateBehavior;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The lake on AWS: archives in S3, a Glue crawler per raw entity making its table, the SQL models
 * run on Athena (through camel-aws2-athena) into Parquet under the curated prefix. Nothing it
 * deletes lies outside the configured prefix of the bucket.
 */
public final class AthenaLake implements Lake {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LOAD_RUNS = "load_runs", CURATED = "curated", ACTIVITY = "activity";

    /** Where and how, from the tw.aws.* settings. */
    public record Settings(String bucket, String prefix, String database, String crawlerRole, String crawlerPrefix,
                           String workGroup, String outputLocation, Duration crawlTimeout, Duration poll, Duration queryTimeout) {
        public Settings {
            if (bucket == null || bucket.isBlank()) {
                throw new IllegalArgumentException("the aws target needs a bucket: set BUCKET_NAME (tw.aws.bucket)");
            }
            if (!NAME.matcher(database).matches()) {
                throw new IllegalArgumentException("tw.aws.database '" + database
                        + "' is not a name Athena takes: use lower-case letters, digits and _ (check ENV)");
            }
            prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        }

        /** The folder of the bucket everything of the lake lives under: empty or ending with a slash. */
        String base() {
            return prefix.isEmpty() ? "" : prefix + "/";
        }

        String url(String key) {
            return "s3://" + bucket + "/" + key;
        }
    }

    private final Settings settings;
    private final S3Objects s3;
    private final GlueCatalog glue;
    private final CamelContext camel;
    private final String athenaUri;
    private final List<String> entities;
    private final PrintStream progress;
    private ProducerTemplate producer;

    /**
     * @param athenaClientRef the registry name of the AthenaClient the aws2-athena endpoint uses
     * @param entities        what the loads archive, as {@code source/entity}: a crawler each
     */
    public AthenaLake(Settings settings, S3Objects s3, GlueCatalog glue, CamelContext camel, String athenaClientRef,
                      List<String> entities, PrintStream progress) {
        this.settings = settings;
        this.s3 = s3;
        this.glue = glue;
        this.camel = camel;
        this.entities = List.copyOf(entities);
        this.progress = progress;
        long wait = settings.queryTimeout().toMillis(), poll = Math.max(1, settings.poll().toMillis());
        this.athenaUri = "aws2-athena:ticket-warehouse?amazonAthenaClient=#" + athenaClientRef
                + "&database=" + settings.database() + "&workGroup=" + settings.workGroup()
                + "&outputLocation=RAW(" + settings.outputLocation() + ")"
                + "&waitTimeout=" + wait + "&initialDelay=" + Math.min(poll, 500) + "&delay=" + poll
                + "&maxAttempts=1&retry=never";
    }

    public Settings settings() {
        return settings;
    }

    // ---- crawl

    /** The crawler of each raw entity, then the manifests' crawler, in the order they are started. */
    List<CrawlerSpec> crawlers() {
        String role = settings.crawlerRole();
        if (role == null || role.isBlank()) {
            throw new LakeException("the Glue crawlers need an IAM role: set TW_CRAWLER_ROLE (tw.aws.crawler-role)");
        }
        List<CrawlerSpec> crawlers = new ArrayList<>();
        SchemaChangePolicy update = SchemaChangePolicy.builder().updateBehavior(UpdateBehavior.UPDATE_IN_DATABASE)
                .deleteBehavior(DeleteBehavior.DEPRECATE_IN_DATABASE).build();
        for (String entity : entities) {
            String[] parts = entity.split("/");
            crawlers.add(new CrawlerSpec(settings.crawlerPrefix() + "raw-" + parts[0] + "-" + parts[1].replace('_', '-'), role,
                    CrawlerTargets.builder().s3Targets(S3Target.builder().path(settings.url(rawFolder(parts[0], parts[1]))).build()).build(),
                    "raw_" + parts[0] + "_", update));
        }
        // Glue names a table after its folder, so the manifests' table is ours, and its crawler only adds partitions to it
        crawlers.add(new CrawlerSpec(settings.crawlerPrefix() + "load-runs", role,
                CrawlerTargets.builder().catalogTargets(CatalogTarget.builder().databaseName(settings.database()).tables(LOAD_RUNS).build()).build(),
                "", SchemaChangePolicy.builder().updateBehavior(UpdateBehavior.LOG).deleteBehavior(DeleteBehavior.LOG).build()));
        return crawlers;
    }

    String rawFolder(String source, String entity) {
        return settings.base() + Archive.RAW + "/" + source + "/" + entity + "/";
    }

    @Override
    public String crawl() {
        try {
            List<CrawlerSpec> crawlers = crawlers();
            if (!s3.any(settings.base() + Archive.RAW + "/")) {
                throw new LakeException("the lake at " + settings.url(settings.base()) + " holds no archives yet: run './tw load' first");
            }
            StringBuilder report = new StringBuilder();
            if (glue.ensureDatabase()) {
                report.append("Glue database ").append(settings.database()).append(": created\n");
            }
            glue.ensureTable(loadRunsTable());
            Map<String, Map<String, String>> before = new LinkedHashMap<>();
            List<String> started = new ArrayList<>();
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i < crawlers.size(); i++) {
                CrawlerSpec crawler = crawlers.get(i);
                glue.ensureCrawler(crawler);
                String table = i < entities.size() ? rawTable(entities.get(i)) : LOAD_RUNS;
                if (i < entities.size() && !s3.any(rawFolder(entities.get(i).split("/")[0], entities.get(i).split("/")[1]))) {
                    waiting.add(table);
                    continue;
                }
                before.put(table, glue.columns(table));
                started.add(crawler.name());
            }
            Map<String, String> failures = glue.crawl(started, settings.crawlTimeout(), settings.poll(), progress);
            if (!failures.isEmpty()) {
                StringBuilder message = new StringBuilder(failures.size() + " of " + started.size() + " crawlers failed:");
                failures.forEach((name, error) -> message.append("\n  ").append(name).append(": ").append(error));
                throw new LakeException(message.toString());
            }
            before.forEach((table, columns) -> {
                Map<String, String> after = glue.columns(table);
                report.append(after.isEmpty() ? table + ": the crawler made no table (are its archives readable JSON?)\n"
                        : RawTables.schemaChanges(table, columns, after));
            });
            waiting.forEach(table -> report.append(table).append(": no archives yet; its crawler makes it after the first\n"));
            record("crawl", report.toString());
            return report.toString();
        } catch (SdkException e) {
            throw new LakeException("crawl failed: " + message(e));
        }
    }

    static String rawTable(String entity) {
        String[] parts = entity.split("/");
        return RawTables.name(parts[0], parts[1]);
    }

    /** The manifests as a table, with the shape {@link LoadRun#manifestJson()} writes; run_id is the partition. */
    TableInput loadRunsTable() {
        List<software.amazon.awssdk.services.glue.model.Column> columns = new ArrayList<>();
        for (String name : List.of("status", "sources", "time_range", "events_from", "events_before", "started_at", "finished_at")) {
            columns.add(GlueCatalog.column(name, "string"));
        }
        for (String name : List.of("duration_ms", "requests", "records", "bytes")) {
            columns.add(GlueCatalog.column(name, "bigint"));
        }
        columns.add(GlueCatalog.column("error", "string"));
        columns.add(GlueCatalog.column("entities", "map<string,struct<records:bigint,files:bigint,bytes:bigint>>"));
        columns.add(GlueCatalog.column("requests_by_api", "map<string,bigint>"));
        return TableInput.builder().name(LOAD_RUNS).tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "json"))
                .partitionKeys(GlueCatalog.column("run_id", "string"))
                .storageDescriptor(StorageDescriptor.builder().columns(columns)
                        .location(settings.url(settings.base() + Archive.MANIFESTS + "/"))
                        .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
                        .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
                        .serdeInfo(SerDeInfo.builder().serializationLibrary("org.openx.data.jsonserde.JsonSerDe").build())
                        .build())
                .build();
    }

    /**
     * Makes a run's archives queryable without a crawl: adds its partition (load_date, run_id) to
     * the table of each entity it archived, and its run_id to load_runs. Entities whose table no
     * crawl has made yet are skipped: their first crawl finds every partition.
     */
    @Override
    public String registerPartitions(LoadRun run) {
        StringBuilder report = new StringBuilder();
        try {
            glue.ensureDatabase();
            glue.ensureTable(loadRunsTable());
            glue.addPartition(LOAD_RUNS, List.of("run_id"), List.of(run.id()));
            report.append(LOAD_RUNS).append(": + run_id=").append(run.id()).append('\n');
            run.entities().forEach((entity, counts) -> {
                if (counts.records.get() == 0) {
                    return; // empty pages are not archived: there is no folder to add
                }
                String table = rawTable(entity);
                boolean added = glue.addPartition(table, List.of("load_date", "run_id"), List.of(run.loadDate(), run.id()));
                report.append(table).append(added ? ": + load_date=" + run.loadDate() + "/run_id=" + run.id()
                        : ": no table yet; the next crawl makes it with this run").append('\n');
            });
            return report.toString();
        } catch (SdkException e) {
            throw new LakeException("registering the partitions of run " + run.id() + " failed: " + message(e));
        }
    }

    // ---- transform, query

    @Override
    public String transform() {
        List<SqlModel> models = SqlModels.load();
        StringBuilder report = new StringBuilder();
        List<String> done = new ArrayList<>();
        for (SqlModel model : models) {
            long started = System.nanoTime();
            String folder = settings.base() + CURATED + "/" + model.name() + "/";
            try {
                athena("DROP TABLE IF EXISTS " + settings.database() + "." + model.name());
                s3.deleteAll(folder);
                athena("CREATE TABLE " + settings.database() + "." + model.name() + " "
                        + model.parquetWith("external_location = '" + settings.url(folder) + "'") + " AS\n" + model.select());
            } catch (LakeException | SdkException e) {
                throw new LakeException("SQL model " + model.file() + " failed: " + (e instanceof SdkException s ? message(s) : e.getMessage())
                        + (done.isEmpty() ? "" : " (" + done.size() + " models before it were rebuilt)")
                        + "; fix the model and run './tw transform' again");
            }
            done.add(model.name());
            report.append(String.format("%-32s rebuilt %8d ms%n", model.name(), (System.nanoTime() - started) / 1_000_000));
        }
        record("transform", report.toString());
        return report.toString();
    }

    /** Runs one statement on Athena and waits for it; a query that did not succeed is Athena's reason. */
    GetQueryExecutionResponse athena(String sql) {
        Exchange exchange = producer().send(athenaUri, e -> e.getMessage().setBody(sql));
        if (exchange.getException() != null) {
            throw failure(exchange.getException());
        }
        GetQueryExecutionResponse execution = exchange.getMessage().getBody(GetQueryExecutionResponse.class);
        if (execution == null) {
            throw new LakeException("Athena query " + exchange.getMessage().getHeader(Athena2Constants.QUERY_EXECUTION_ID)
                    + " did not finish within " + settings.queryTimeout().toMinutes() + " min (tw.aws.query-timeout-minutes)");
        }
        QueryExecutionStatus status = execution.queryExecution().status();
        if (status.state() != QueryExecutionState.SUCCEEDED) {
            throw new LakeException("Athena query " + execution.queryExecution().queryExecutionId() + " " + status.stateAsString() + ": "
                    + (status.stateChangeReason() == null ? "no reason given" : status.stateChangeReason()));
        }
        return execution;
    }

    @Override
    public void query(String sql, PrintStream out) {
        String id = athena(sql).queryExecution().queryExecutionId();
        Exchange exchange = producer().send(athenaUri, e -> {
            e.getMessage().setHeader(Athena2Constants.OPERATION, Athena2Operations.getQueryResults);
            e.getMessage().setHeader(Athena2Constants.QUERY_EXECUTION_ID, id);
            e.getMessage().setHeader(Athena2Constants.OUTPUT_TYPE, Athena2OutputType.StreamList);
        });
        if (exchange.getException() != null) {
            throw failure(exchange.getException());
        }
        @SuppressWarnings("unchecked")
        Iterable<GetQueryResultsResponse> pages = exchange.getMessage().getBody(Iterable.class);
        boolean first = true;
        try {
            for (GetQueryResultsResponse page : pages) {
                List<Row> rows = page.resultSet().rows();
                int from = 0;
                if (first) {
                    List<String> header = page.resultSet().resultSetMetadata() == null ? List.of()
                            : page.resultSet().resultSetMetadata().columnInfo().stream().map(ColumnInfo::label).toList();
                    out.println(String.join(",", header.stream().map(Csv::field).toList()));
                    // Athena gives a SELECT's header as its first row too
                    if (!rows.isEmpty() && values(rows.get(0)).equals(header)) {
                        from = 1;
                    }
                    first = false;
                }
                for (Row row : rows.subList(from, rows.size())) {
                    out.println(String.join(",", values(row).stream().map(v -> Csv.field(v == null ? "" : v)).toList()));
                }
            }
        } catch (SdkException e) {
            throw new LakeException("query failed: " + message(e));
        }
        out.flush();
    }

    private static List<String> values(Row row) {
        return row.data().stream().map(Datum::varCharValue).toList();
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }

    private static LakeException failure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SdkException s) {
                return new LakeException(message(s));
            }
            if (t instanceof LakeException l) {
                return l;
            }
        }
        return new LakeException(LakeException.firstLine(failure instanceof Exception e ? e : new RuntimeException(failure)));
    }

    /** AWS's own message and code, without the SDK's request ids. */
    static String message(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            return s.awsErrorDetails().serviceName() + " " + s.awsErrorDetails().errorCode() + ": " + s.awsErrorDetails().errorMessage();
        }
        return LakeException.firstLine(e);
    }

    // ---- status, purge

    @Override
    public String status() {
        StringBuilder status = new StringBuilder("lake: " + settings.url(settings.base()) + " (Glue database " + settings.database()
                + ", Athena workgroup " + settings.workGroup() + ")\n");
        try {
            List<String> manifests = s3.keys(settings.base() + Archive.MANIFESTS + "/").stream()
                    .filter(k -> k.endsWith("/manifest.json")).sorted(Comparator.reverseOrder()).limit(10).toList();
            if (manifests.isEmpty()) {
                status.append("no runs yet: run './tw load'\n");
            } else {
                status.append("runs (newest first):\n");
                for (String key : manifests) {
                    JsonNode m = JSON.readTree(s3.read(key).orElse("{}".getBytes(StandardCharsets.UTF_8)));
                    status.append(String.format("  %s %-8s %-8s %-11s %,10d records %8.1f s  finished %s%n", m.path("run_id").asText(),
                            m.path("status").asText(), m.path("time_range").asText(), m.path("sources").asText(),
                            m.path("records").asLong(), m.path("duration_ms").asLong() / 1000.0, m.path("finished_at").asText("-")));
                }
            }
            List<Table> tables = tablesOrNone();
            status.append(tables.isEmpty() ? "no tables yet: run './tw crawl' and './tw transform'\n" : "tables:\n");
            for (Table table : tables) {
                status.append(String.format("  %-34s %s%n", table.name(),
                        table.storageDescriptor() == null ? "" : table.storageDescriptor().location()));
            }
            for (String activity : List.of("crawl", "transform")) {
                s3.read(activityKey(activity)).ifPresent(bytes -> {
                    try {
                        status.append("last ").append(activity).append(": ").append(JSON.readTree(bytes).path("finished_at").asText()).append('\n');
                    } catch (java.io.IOException e) {
                        status.append("last ").append(activity).append(": unreadable record\n");
                    }
                });
            }
            return status.toString();
        } catch (SdkException e) {
            throw new LakeException("status failed: " + message(e));
        } catch (java.io.IOException e) {
            throw new LakeException("status failed: a manifest is not JSON: " + e.getMessage());
        }
    }

    private List<Table> tablesOrNone() {
        try {
            return glue.tables();
        } catch (software.amazon.awssdk.services.glue.model.EntityNotFoundException e) {
            return List.of();
        }
    }

    /** The lake's tables: every raw entity's, load_runs and each model's. */
    Set<String> tableNames() {
        Set<String> names = new LinkedHashSet<>();
        entities.forEach(e -> names.add(rawTable(e)));
        names.add(LOAD_RUNS);
        SqlModels.load().forEach(m -> names.add(m.name()));
        return names;
    }

    @Override
    public String purge() {
        try {
            int objects = 0;
            for (String folder : folders()) {
                objects += s3.deleteAll(folder);
            }
            int tables = 0;
            Set<String> ours = tableNames();
            for (Table table : tablesOrNone()) {
                if (ours.contains(table.name()) && glue.deleteTable(table.name())) {
                    tables++;
                }
            }
            return "removed " + objects + " objects from " + settings.url(settings.base()) + " and " + tables
                    + " tables from Glue database " + settings.database() + "\n";
        } catch (SdkException e) {
            throw new LakeException("purge failed: " + message(e));
        }
    }

    /** What purge empties: the lake's folders, and Athena's results where they lie under the prefix. */
    List<String> folders() {
        String base = settings.base();
        List<String> folders = new ArrayList<>(List.of(base + Archive.RAW + "/", base + Archive.MANIFESTS + "/",
                base + CURATED + "/", base + ACTIVITY + "/", base + Archive.STATE + "/"));
        String results = settings.outputLocation();
        String lake = settings.url(base);
        if (!base.isEmpty() && results.startsWith(lake) && results.length() > lake.length()) {
            String key = results.substring(("s3://" + settings.bucket() + "/").length());
            folders.add(key.endsWith("/") ? key : key + "/");
        }
        return folders;
    }

    /** A new entity needs its crawler; new columns of a known one wait for the daily crawl. */
    @Override
    public boolean needsCrawl(LoadRun run) {
        try {
            return run.entities().entrySet().stream().anyMatch(e -> e.getValue().records.get() > 0
                    && glue.table(rawTable(e.getKey())).isEmpty());
        } catch (SdkException e) {
            throw new LakeException("cannot read the Glue catalog: " + message(e));
        }
    }

    @Override
    public Optional<byte[]> readState(String name) {
        return s3.read(stateKey(name));
    }

    @Override
    public void writeState(String name, byte[] content) {
        s3.write(stateKey(name), content, "application/json");
    }

    @Override
    public void deleteState(String name) {
        s3.delete(stateKey(name));
    }

    private String stateKey(String name) {
        return settings.base() + Archive.STATE + "/" + name;
    }

    private String activityKey(String activity) {
        return settings.base() + ACTIVITY + "/" + activity + ".json";
    }

    private void record(String activity, String report) {
        try {
            s3.write(activityKey(activity), JSON.writeValueAsBytes(Map.of("activity", activity,
                    "finished_at", Instant.now().toString(), "report", report)), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
