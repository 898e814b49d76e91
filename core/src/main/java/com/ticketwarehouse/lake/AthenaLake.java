package com.ticketwarehouse.lake;

import com.ticketwarehouse.aws.CrawlerDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.aws.GlueCatalog;
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
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lake on AWS: archives in S3, the raw tables of athena/raw_tables.sql in Glue kept current by
 * a crawler each (partitions only, schema changes logged), the SQL models refreshed on Athena (through camel-aws2-athena) into
 * Iceberg tables under the curated prefix (docs/refresh.md). Nothing it deletes lies outside the configured prefix of the bucket.
 */
public final class AthenaLake implements Lake {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String LOAD_RUNS = "load_runs";
    /** The state file of the lease a transform holds while it changes the lake, and how long it lasts unrenewed (a killed holder's). */
    public static final String TRANSFORM_LEASE = "transform.lease";
    static final Duration TRANSFORM_LEASE_TIME = Duration.ofMinutes(2);
    /** The runs the models read (see Refresh). */
    static final String REFRESH_RUNS = "refresh_runs";
    /**
     * Folders of the lake beside raw/ and manifests/: the tables a refresh keeps (Iceberg), the tables of
     * one refresh, the last crawl's and transform's records.
     */
    public static final String CURATED = "curated", SCRATCH = "scratch", ACTIVITY = "activity";

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
    private final LakeFiles files;
    private final GlueCatalog glue;
    private final CamelContext camel;
    private final String athenaUri;
    private final List<String> entities;
    private final PrintStream progress;
    private final IcebergMaintenance maintenance;
    private final LongAdder bytesScanned = new LongAdder();
    private final Clock clock;
    private ProducerTemplate producer;

    /**
     * @param athenaClientRef the registry name of the AthenaClient the aws2-athena endpoint uses
     * @param entities        what the loads archive, as {@code source/entity}: a crawler each
     */
    /** @param clock the pipeline's: which runs count as settled for a refresh, and when the daily maintenance is due */
    public AthenaLake(Settings settings, S3Objects s3, GlueCatalog glue, CamelContext camel, String athenaClientRef,
                      List<String> entities, PrintStream progress, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.s3 = s3;
        this.files = new LakeFiles(new S3Store(s3, settings.base()));
        this.glue = glue;
        this.camel = camel;
        this.entities = List.copyOf(entities);
        this.progress = progress;
        this.maintenance = new IcebergMaintenance(files, this::tablesOrNone, this::athena);
        long wait = settings.queryTimeout().toMillis(), poll = Math.max(1, settings.poll().toMillis());
        this.athenaUri = "aws2-athena:ticket-warehouse?amazonAthenaClient=#" + athenaClientRef
                + "&database=" + settings.database() + "&workGroup=" + settings.workGroup()
                + "&outputLocation=RAW(" + settings.outputLocation() + ")"
                // a statement's state is asked for every half second at most: asking is free (GetQueryExecution), and a
                // small statement takes a second or two, which the function waits for (and is billed for) to the next poll
                + "&waitTimeout=" + wait + "&initialDelay=" + Math.min(poll, 500) + "&delay=" + Math.min(poll, 500)
                + "&maxAttempts=1&retry=never";
    }

    public Settings settings() {
        return settings;
    }

    // ---- crawl

    /** The crawlers, as {@link CrawlerDefinitions} has them for this lake's names. */
    List<CrawlerDefinition> crawlers() {
        return CrawlerDefinitions.of(settings.crawlerPrefix(), settings.database());
    }

    /**
     * Makes the raw tables the project defines (athena/raw_tables.sql: created if missing, redefined if
     * a crawler or an older version changed them), then runs the crawlers over them: they add the
     * partitions of new runs and log the schema changes they see in the data, but change no table.
     */
    @Override
    public String crawl() {
        try {
            String role = settings.crawlerRole();
            if (role == null || role.isBlank()) {
                throw new LakeException("the Glue crawlers need an IAM role: set TW_CRAWLER_ROLE (tw.aws.crawler-role)");
            }
            if (!s3.any(settings.base() + Archive.RAW + "/")) {
                throw new LakeException("the lake at " + settings.url(settings.base()) + " holds no archives yet: run './tw load' first");
            }
            StringBuilder report = new StringBuilder();
            if (glue.ensureDatabase()) {
                report.append("Glue database ").append(settings.database()).append(": created\n");
            }
            Map<String, String> folders = new LinkedHashMap<>();
            for (RawTableDdl.Table table : RawTableDdl.tables()) {
                String outcome = glue.defineTable(tableInput(table));
                if (!outcome.isEmpty()) {
                    report.append(table.name()).append(": ").append(outcome).append(" as ").append(RawTableDdl.RESOURCE).append(" defines it\n");
                }
                folders.put(table.name(), table.location(lakeRoot()).substring(("s3://" + settings.bucket() + "/").length()));
            }
            Map<String, Map<String, String>> before = new LinkedHashMap<>();
            List<String> started = new ArrayList<>();
            List<String> waiting = new ArrayList<>();
            for (CrawlerDefinition crawler : crawlers()) {
                String outcome = glue.defineCrawler(crawler, role);
                if (!outcome.isEmpty()) {
                    report.append("crawler ").append(crawler.name()).append(": ").append(outcome).append('\n');
                }
                String table = crawler.catalogTables().get(0);
                if (!s3.any(folders.get(table))) {
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
            before.forEach((table, columns) -> report.append(RawTables.schemaChanges(table, columns, glue.columns(table))));
            Map<String, String> logs = glue.logs(started);
            report.append(logs.isEmpty() ? "the crawlers log schema changes they see in the data, and do not apply them\n"
                    : "the crawlers log schema changes they see in the data, and do not apply them: " + String.join(", ", logs.values()) + "\n");
            waiting.forEach(table -> report.append(table).append(": no archives yet\n"));
            record("crawl", report.toString(), null);
            return report.toString();
        } catch (SdkException e) {
            throw new LakeException("crawl failed: " + message(e));
        }
    }

    /** Where the lake is, as raw_tables.sql's ${lake}: s3://bucket/prefix, without a trailing slash. */
    private String lakeRoot() {
        return settings.url(settings.base()).replaceFirst("/+$", "");
    }

    /** A raw table of the DDL as Glue takes it: names in lower case, as Athena gives them; the SerDe matches JSON keys regardless. */
    TableInput tableInput(RawTableDdl.Table table) {
        java.util.function.Function<List<RawTableDdl.Column>, List<software.amazon.awssdk.services.glue.model.Column>> columns = list -> list.stream()
                .map(c -> GlueCatalog.column(c.name().toLowerCase(java.util.Locale.ROOT), RawTableDdl.type(c.type(), RawTableDdl.GLUE))).toList();
        return TableInput.builder().name(table.name()).tableType("EXTERNAL_TABLE")
                .parameters(table.properties())
                .partitionKeys(columns.apply(table.partitions()))
                .storageDescriptor(StorageDescriptor.builder().columns(columns.apply(table.columns()))
                        .location(table.location(lakeRoot()))
                        .inputFormat(RawTableDdl.INPUT_FORMAT).outputFormat(RawTableDdl.OUTPUT_FORMAT)
                        .serdeInfo(SerDeInfo.builder().serializationLibrary(table.serde()).build())
                        .build())
                .build();
    }

    /** Makes the Glue database and the raw tables of athena/raw_tables.sql where they are missing, as a deployed stack holds them. */
    public void ensureRawTables() {
        glue.ensureDatabase();
        for (RawTableDdl.Table table : RawTableDdl.tables()) {
            glue.ensureTable(tableInput(table));
        }
    }

    /**
     * Makes a run's archives queryable without a crawl: adds its partition (load_date, run_id) to
     * the table of each entity it archived, and its run_id to load_runs. Entities whose table no
     * crawl has made yet are skipped: their first crawl finds every partition.
     */
    @Override
    public String registerPartitions(LoadRun run) {
        return registerPartitions(run.id(), run.loadDate(),
                run.entities().entrySet().stream().filter(e -> e.getValue().records.get() > 0).map(Map.Entry::getKey).toList());
    }

    /** The run in load_runs, and its folder of each entity it archived (empty pages are not archived: there is no folder to add). */
    @Override
    public String registerPartitions(String runId, String loadDate, Collection<String> entities) {
        StringBuilder report = new StringBuilder();
        try {
            ensureRawTables();
            // partitioned by run alone, as before its manifests were filed by day: the partitions of the runs before stay valid
            glue.addPartition(LOAD_RUNS, List.of(runId), Archive.manifestFolder(runId).substring(Archive.MANIFESTS.length() + 1));
            report.append(LOAD_RUNS).append(": + run_id=").append(runId).append('\n');
            for (String entity : entities) {
                String table = RawTables.of(entity);
                boolean added = glue.addPartition(table, List.of("load_date", "run_id"), List.of(loadDate, runId));
                report.append(table).append(added ? ": + load_date=" + loadDate + "/run_id=" + runId
                        : ": no table yet; the next crawl makes it with this run").append('\n');
            }
            return report.toString();
        } catch (SdkException e) {
            throw new LakeException("registering the partitions of run " + runId + " failed: " + message(e));
        }
    }

    /** The replaced run's partition of each entity table; its run_id stays in load_runs, where its manifest says it was replaced. */
    @Override
    public String unregisterPartitions(String runId, String loadDate, Collection<String> entities) {
        StringBuilder report = new StringBuilder();
        try {
            for (String entity : entities) {
                String table = RawTables.of(entity);
                if (glue.deletePartition(table, List.of(loadDate, runId))) {
                    report.append(table).append(": - load_date=").append(loadDate).append("/run_id=").append(runId).append('\n');
                }
            }
            return report.toString();
        } catch (SdkException e) {
            throw new LakeException("removing the partitions of replaced run " + runId + " failed: " + message(e));
        }
    }

    /**
     * On S3 a write is whole or unseen, except a multipart upload that never completed: its parts
     * stay (and are billed) until aborted. Aborts those of runs that ended or whose process is gone.
     */
    @Override
    public String removeUnfinishedWrites() {
        try {
            return files.removeUnfinishedWrites("unfinished uploads");
        } catch (SdkException e) {
            throw new LakeException("cannot abort the unfinished uploads of ended runs: " + message(e));
        }
    }

    // ---- transform, query

    /**
     * Refreshes the tables from the complete runs not read yet (all of them when full), as {@link Refresh}
     * says, with {@link AthenaRefreshEngine}. With no new complete run it asks Athena nothing. Athena has
     * no transaction over several statements: while the refresh runs, the state says so, and a refresh
     * that finds it so (this one failed or was cut short) makes every table anew; the runs read are noted
     * once every statement succeeded. A transform that would change anything holds the lake's transform
     * lease ({@link #TRANSFORM_LEASE}): a second one (a person's beside the scheduled function) is refused
     * in one line and changes nothing.
     */
    @Override
    public String transform(boolean full) {
        long started = System.nanoTime();
        List<SqlModel> models = SqlModels.load();
        try {
            Refresh.Plan plan = plan(models, full);
            if (plan.nothingNew() && plan.empty().isEmpty()) {
                // it only read: no lease
                return Refresh.nothingToDo(plan, files, started);
            }
            // planned again under the lease: a transform that ended meanwhile may have read these runs
            return new LakeLease(files, TRANSFORM_LEASE, "transform", "this one stopped without changing anything", TRANSFORM_LEASE_TIME,
                    Clock.systemUTC()).holding(() -> refresh(plan(models, full), models, started));
        } catch (SdkException e) {
            throw new LakeException("transform failed: " + message(e));
        }
    }

    private Refresh.Plan plan(List<SqlModel> models, boolean full) {
        return Refresh.plan(files, models, full, () -> tablesOrNone().stream().map(Table::name).collect(Collectors.toSet()), clock.instant());
    }

    private String refresh(Refresh.Plan plan, List<SqlModel> models, long started) {
        if (plan.nothingNew()) {
            return Refresh.nothingToDo(plan, files, started);
        }
        dropScratchTables();
        files.writeState(Refresh.STATE, plan.stateWhileRunning());
        String report;
        AthenaRefreshEngine engine = new AthenaRefreshEngine(this, models);
        try {
            report = Refresh.run(plan, models, engine);
        } finally {
            dropScratchTables();
        }
        // as the quarantine's CTAS wrote it, or, left as it was, as the last transform counted it: a count is a billed query
        long quarantined = engine.rows(Quarantine.TABLE) >= 0 ? engine.rows(Quarantine.TABLE)
                : lastQuarantined().orElseGet(() -> count(Quarantine.TABLE));
        report += Quarantine.report(quarantined);
        files.writeState(Refresh.STATE, plan.stateAfter());
        // after a refresh that changed something, so that a transform with nothing new stays free
        report += maintenance.ifDue(models, clock.instant());
        record("transform", report, quarantined);
        return report;
    }

    /**
     * The Iceberg maintenance of the tables MERGE changed since the last one, now; a transform that
     * changed something does it when the last is a day old. Returns a report.
     */
    public String maintain() {
        try {
            return maintenance.maintain(SqlModels.load(), clock.instant());
        } catch (SdkException e) {
            throw new LakeException("maintenance failed: " + message(e));
        }
    }

    GlueCatalog glue() {
        return glue;
    }

    /** The folder of a table under one of the lake's folders (curated/, scratch/), as an s3:// URL. */
    String folderUrl(String folder, String table) {
        return settings.url(settings.base() + folder + "/" + table + "/");
    }

    /** A table gone from Glue and its objects from the folder it was made in (as Athena's DROP TABLE of an Iceberg table does). */
    void dropTable(String table, String folder) {
        glue.deleteTable(table);
        s3.deleteAll(settings.base() + folder + "/" + table + "/");
    }

    /** The tables of refreshes (those under scratch/) and their views of the runs read (the batch models'): gone, with their objects. */
    void dropScratchTables() {
        String scratch = settings.url(settings.base() + SCRATCH + "/");
        Set<String> batches = SqlModels.load().stream().filter(SqlModel::batch).map(SqlModel::name).collect(Collectors.toSet());
        for (Table table : tablesOrNone()) {
            if (table.storageDescriptor() != null && String.valueOf(table.storageDescriptor().location()).startsWith(scratch)
                    || batches.contains(table.name()) && AthenaRefreshEngine.VIEW.equals(table.tableType())) {
                glue.deleteTable(table.name());
            }
        }
        s3.deleteAll(settings.base() + SCRATCH + "/");
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
        if (execution.queryExecution().statistics() != null && execution.queryExecution().statistics().dataScannedInBytes() != null) {
            bytesScanned.add(execution.queryExecution().statistics().dataScannedInBytes());
        }
        return execution;
    }

    /** The bytes Athena scanned for this lake's statements since it was made (what Athena bills, before its 10 MB minimum a query). */
    public long bytesScanned() {
        return bytesScanned.sum();
    }

    /**
     * The rows a CTAS or INSERT wrote, as Athena tells it with the statement's results (UpdateCount): no
     * statement of its own, where counting would be one more query billed its 10 MB. Empty when not told.
     */
    OptionalLong rowsWritten(String queryExecutionId) {
        Exchange exchange = producer().send(athenaUri, e -> {
            e.getMessage().setHeader(Athena2Constants.OPERATION, Athena2Operations.getQueryResults);
            e.getMessage().setHeader(Athena2Constants.QUERY_EXECUTION_ID, queryExecutionId);
            e.getMessage().setHeader(Athena2Constants.OUTPUT_TYPE, Athena2OutputType.SelectList);
            e.getMessage().setHeader(Athena2Constants.MAX_RESULTS, 1);
        });
        if (exchange.getException() != null) {
            throw failure(exchange.getException());
        }
        GetQueryResultsResponse results = exchange.getMessage().getBody(GetQueryResultsResponse.class);
        return results == null || results.updateCount() == null ? OptionalLong.empty() : OptionalLong.of(results.updateCount());
    }

    /** A string literal of Athena's SQL. */
    static String quoteString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Runs one statement that only reads (checked before Athena sees it) and prints it as CSV. */
    @Override
    public void query(String sql, PrintStream out) {
        ReadingStatements.require(sql);
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
    public String status(int runs) {
        StringBuilder status = new StringBuilder("lake: " + settings.url(settings.base()) + " (Glue database " + settings.database()
                + ", Athena workgroup " + settings.workGroup() + ")\n");
        try {
            String runList = files.runs(runs);
            status.append(runList.isEmpty() ? "no runs yet: run './tw load'\n" : runList);
            List<Table> tables = tablesOrNone();
            status.append(tables.isEmpty() ? "no tables yet: run './tw crawl' and './tw transform'\n" : "tables:\n");
            for (Table table : tables) {
                status.append(String.format("  %-34s %s%n", table.name(),
                        table.storageDescriptor() == null ? "" : table.storageDescriptor().location()));
            }
            for (String activity : List.of("crawl", "transform")) {
                s3.read(activityKey(activity)).ifPresent(bytes -> {
                    try {
                        JsonNode record = JSON.readTree(bytes);
                        status.append("last ").append(activity).append(": ").append(record.path("finished_at").asText()).append('\n');
                        if (record.has("quarantined")) {
                            status.append(Quarantine.report(record.path("quarantined").asLong()));
                        }
                    } catch (java.io.IOException e) {
                        status.append("last ").append(activity).append(": unreadable record\n");
                    }
                });
            }
            return status.toString();
        } catch (SdkException e) {
            throw new LakeException("status failed: " + message(e));
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
        entities.forEach(e -> names.add(RawTables.of(e)));
        names.add(LOAD_RUNS);
        SqlModels.load().forEach(m -> names.add(m.name()));
        return names;
    }

    @Override
    public String purge() {
        try {
            dropScratchTables();
            int objects = files.purge(folders());
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

    /** What purge empties, as keys of the lake: its folders, and Athena's results where they lie under the prefix. */
    List<String> folders() {
        List<String> folders = new ArrayList<>(List.of(Archive.RAW + "/", Archive.MANIFESTS + "/", CURATED + "/", SCRATCH + "/", ACTIVITY + "/",
                Archive.STATE + "/"));
        String results = settings.outputLocation();
        String lake = settings.url(settings.base());
        if (!settings.base().isEmpty() && results.startsWith(lake) && results.length() > lake.length()) {
            String key = results.substring(lake.length());
            folders.add(key.endsWith("/") ? key : key + "/");
        }
        return folders;
    }

    /** A new entity needs its crawler; new columns of a known one wait for the daily crawl. */
    @Override
    public boolean needsCrawl(LoadRun run) {
        try {
            return run.entities().entrySet().stream().anyMatch(e -> e.getValue().records.get() > 0
                    && glue.table(RawTables.of(e.getKey())).isEmpty());
        } catch (SdkException e) {
            throw new LakeException("cannot read the Glue catalog: " + message(e));
        }
    }

    @Override
    public LakeFiles files() {
        return files;
    }

    private String activityKey(String activity) {
        return settings.base() + ACTIVITY + "/" + activity + ".json";
    }

    /** How many records the quarantine held at the last transform, as it recorded. */
    private Optional<Long> lastQuarantined() {
        return s3.read(activityKey("transform")).flatMap(bytes -> {
            try {
                JsonNode record = JSON.readTree(bytes);
                return record.has("quarantined") ? Optional.of(record.path("quarantined").asLong()) : Optional.empty();
            } catch (java.io.IOException unreadable) {
                return Optional.empty();
            }
        });
    }

    /** When an activity last finished, its report and, for a transform, how many records the quarantine holds. */
    private void record(String activity, String report, Long quarantined) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("activity", activity);
        record.put("finished_at", Instant.now().toString());
        record.put("report", report);
        if (quarantined != null) {
            record.put("quarantined", quarantined);
        }
        try {
            s3.write(activityKey(activity), JSON.writeValueAsBytes(record), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of rows of a table, by asking Athena. */
    long count(String table) {
        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        query("SELECT count(*) AS records FROM " + settings.database() + "." + table, new PrintStream(csv, true, StandardCharsets.UTF_8));
        List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
        try {
            return Long.parseLong(lines.get(1).trim());
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            throw new LakeException("Athena answered no count of the table " + table + ": " + String.join(" / ", lines));
        }
    }
}
