package com.ticketwarehouse.lake;

import software.amazon.awssdk.core.exception.SdkException;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The models on Athena, for {@link Refresh}: where Athena differs from DuckDB, it is said here. The
 * tables a refresh keeps are Iceberg tables under curated/ (Athena changes only those in place: MERGE,
 * DELETE and INSERT); the tables of one refresh (new_, and refresh_runs when it is one) are plain
 * Parquet tables under scratch/, and the typed batches views, which {@link AthenaLake} drops when the
 * refresh ends and, where a crashed refresh left some, before the next one begins.
 * <p>
 * Athena bills each statement that reads or writes data (SELECT, CTAS, INSERT, MERGE, DELETE) for at
 * least 10 MB, more than a venue group's refresh reads in most statements, and no DDL: so a refresh here
 * sends as few of those as it can. A batch is a view (DDL), read by the one or two models after it; the
 * rows a scratch table holds are those Athena says its CTAS wrote, not a count.
 * <p>
 * The runs read are put into the models as a list of constants on the raw tables' run_id partition:
 * Athena prunes the partitions by it and lists and reads those runs' objects only, where a subquery
 * (a join, known only once the query runs) would read every run. A full refresh, or more runs than a
 * statement should hold, gives the models a table of the runs instead.
 */
final class AthenaRefreshEngine implements Refresh.Engine {
    /** Past this many runs, the runs go into a table (an Athena statement holds at most 256 kB). */
    static final int LISTED_RUNS = 1_000;
    /** How the models read the runs of a refresh: {@code run_id IN (SELECT run_id FROM refresh_runs)}. */
    static final Pattern RUNS_READ = Pattern.compile("(?i)\\(\\s*SELECT\\s+run_id\\s+FROM\\s+" + AthenaLake.REFRESH_RUNS + "\\s*\\)");

    /** The Glue table type of a view (the typed batches). */
    static final String VIEW = "VIRTUAL_VIEW";

    private final AthenaLake lake;
    private final String database;
    /** The tables made for this refresh only, with the rows their CTAS wrote (-1 when Athena did not say). */
    private final Map<String, Long> scratch = new HashMap<>();
    /** The lasting tables made anew in this refresh whose rows Athena said its CTAS wrote. */
    private final Map<String, Long> rebuilt = new HashMap<>();
    /** Each model's Hive table properties ({@link SqlModel#tableProperties}), by name. */
    private final Map<String, String> tableProperties = new HashMap<>();
    private List<String> runs = List.of();
    private boolean listed;

    AthenaRefreshEngine(AthenaLake lake, List<SqlModel> models) {
        this.lake = lake;
        models.forEach(model -> tableProperties.put(model.name(), model.tableProperties()));
        this.database = lake.settings().database();
    }

    /** No statement yet: the runs go into the first model that reads them. */
    @Override
    public void readRuns(List<String> runs, boolean all) {
        this.runs = List.copyOf(runs);
        this.listed = !all && runs.size() <= LISTED_RUNS;
    }

    /** The SELECT with the runs of this refresh in it: a list of constants, or the table of refresh_runs, made on first use. */
    String reading(String select) {
        Matcher runsRead = RUNS_READ.matcher(select);
        if (!runsRead.find()) {
            return select;
        }
        if (listed) {
            return runsRead.replaceAll(Matcher.quoteReplacement(runs.stream().map(AthenaLake::quoteString).collect(Collectors.joining(", ", "(", ")"))));
        }
        if (!scratch.containsKey(AthenaLake.REFRESH_RUNS)) {
            runsTable();
        }
        return select;
    }

    /** refresh_runs as a scratch table, a thousand runs a statement. */
    private void runsTable() {
        lake.dropTable(AthenaLake.REFRESH_RUNS, AthenaLake.SCRATCH);
        List<String> values = runs.stream().map(run -> "(" + AthenaLake.quoteString(run) + ")").toList();
        String first = values.isEmpty() ? "SELECT CAST(NULL AS varchar) AS run_id WHERE false"
                : "SELECT run_id FROM (VALUES " + String.join(", ", values.subList(0, Math.min(LISTED_RUNS, values.size()))) + ") AS r (run_id)";
        create(AthenaLake.REFRESH_RUNS, first);
        for (int from = LISTED_RUNS; from < values.size(); from += LISTED_RUNS) {
            execute("INSERT INTO " + AthenaLake.REFRESH_RUNS + " VALUES " + String.join(", ", values.subList(from, Math.min(from + LISTED_RUNS, values.size()))));
        }
    }

    /** Glue's columns of the table (Athena writes them for its Iceberg tables too), in order. */
    @Override
    public List<String> columns(String table) {
        try {
            return List.copyOf(lake.glue().columns(table).keySet());
        } catch (SdkException e) {
            throw new LakeException("cannot read the columns of " + table + " in Glue: " + AthenaLake.message(e));
        }
    }

    /**
     * A view of the name (free, where a CTAS is billed at least 10 MB), read by the models after it: the runs
     * of one refresh are a few kB of raw records. A lasting table of the name that an older version made goes first.
     */
    @Override
    public void batch(String name, String select) {
        lake.dropTable(name, AthenaLake.CURATED);
        execute("CREATE OR REPLACE VIEW " + database + "." + name + " AS\n" + reading(select));
    }

    @Override
    public void temporary(String name, String select) {
        create(name, reading(select));
    }

    private void create(String name, String select) {
        String id = run("CREATE TABLE " + database + "." + name + " WITH (format = 'PARQUET', external_location = "
                + AthenaLake.quoteString(lake.folderUrl(AthenaLake.SCRATCH, name)) + ") AS\n" + select);
        scratch.put(name, lake.rowsWritten(id).orElse(-1));
    }

    /** An Iceberg table made anew, in Athena's CTAS form (the stand-in takes the same). */
    @Override
    public void replace(String table, String select) {
        lake.dropTable(table, AthenaLake.CURATED);
        String id = run("CREATE TABLE " + database + "." + table + " WITH (table_type = 'ICEBERG', is_external = false, location = "
                + AthenaLake.quoteString(lake.folderUrl(AthenaLake.CURATED, table)) + ", format = 'PARQUET'"
                + icebergPartitioning(tableProperties.getOrDefault(table, "")) + ") AS\n" + reading(select));
        lake.rowsWritten(id).ifPresent(rows -> rebuilt.put(table, rows));
    }

    private static final Pattern HIVE_BUCKETS = Pattern.compile("(?i)bucketed_by\\s*=\\s*ARRAY\\['(\\w+)'\\]\\s*,\\s*bucket_count\\s*=\\s*(\\d+)");

    /**
     * A model's Hive bucketing as the Iceberg partitioning that prunes alike: a query of one value of
     * the column reads one bucket (without it, one event's ticket sales read the whole table: 15.1 MB
     * against 0.5 MB at 1000x100 on the stand-in).
     */
    static String icebergPartitioning(String hiveProperties) {
        if (hiveProperties.isEmpty()) {
            return "";
        }
        Matcher buckets = HIVE_BUCKETS.matcher(hiveProperties);
        if (!buckets.matches()) {
            throw new IllegalStateException("the table properties '" + hiveProperties + "' have no Iceberg form here: only "
                    + "bucketed_by = ARRAY['column'], bucket_count = N is made a partitioning of Iceberg tables");
        }
        return ", partitioning = ARRAY['bucket(" + buckets.group(1) + ", " + buckets.group(2) + ")']";
    }

    @Override
    public void execute(String statement) {
        run(statement);
    }

    /** Runs the statement; returns its query execution id. */
    private String run(String statement) {
        try {
            return lake.athena(statement).queryExecution().queryExecutionId();
        } catch (SdkException e) {
            throw new LakeException(AthenaLake.message(e));
        }
    }

    /** Never asked ({@link #updatesByKey}); Athena has no temporary view to shadow a table with. */
    @Override
    public void narrow(String table, String key, String values) {
    }

    @Override
    public void widen(String table) {
    }

    /**
     * The rows of a table of this refresh (the refresh needs to know whether anything changed), as its CTAS
     * wrote them, else counted; of a lasting table, as its CTAS wrote them if it was made anew now (counting
     * would cost a scan).
     */
    @Override
    public long rows(String table) {
        Long written = scratch.get(table);
        return written == null ? rebuilt.getOrDefault(table, -1L) : written >= 0 ? written : lake.count(table);
    }

    /**
     * Anew: Athena bills each statement for at least 10 MB scanned and answers it in a second or more,
     * so one CTAS over a venue group's staging (a few MB) costs less than the five statements of an
     * update by key (BENCHMARKS.md, "Refresh after a sync", on the stand-in).
     */
    @Override
    public boolean updatesByKey() {
        return false;
    }

    @Override
    public String afterFailure() {
        return " (the models before it were refreshed, and the next refresh makes every table anew)";
    }
}
