package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local lake: archives in a folder, tables in an embedded DuckDB database beside them. Crawl
 * is the local twin of the aws crawl: a view per raw entity over its files, with the columns of
 * athena/raw_tables.sql and the partitions as columns, reporting what changed in the files' schema. The views name their files relative to the
 * lake, which each connection says where it lies now, so a lake copied or moved reads its own.
 */
public final class DuckDbLake implements Lake {
    static final String DATABASE = "warehouse.duckdb";
    /** The name DuckDB gives the database of that file, by which its own tables are named beside temporary ones. */
    static final String CATALOG = "warehouse";
    static final String SHIMS = "models/shims/duckdb.sql";
    static final String LOAD_RUNS = "load_runs";
    /** The variable every connection sets to the lake's folder (as a glob): the views' paths start with it. */
    static final String LAKE_VARIABLE = "tw_lake";
    /** The archives of a folder that are finished writes: an unfinished one is a hidden file (tw.archive.temp-prefix). */
    static final String FINISHED = "[!.]*.json.gz";
    /**
     * How much of each archive the crawl reads to see its fields (the report of what changed):
     * like a Glue crawler, the start of each object, not all of it. Objects are large (rolled at
     * tw.archive.roll-mb), so DuckDB's default of 20,480 records each made the crawl read most of a load.
     */
    static final String SCHEMA_SAMPLE = "sample_size=2048";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<String> entities;
    private final LakeFiles files;
    private final Clock clock;

    /**
     * @param entities   what the loads archive, as {@code source/entity}: each gets a table, empty until archived
     * @param tempPrefix the name prefix of an unfinished write: hidden, so that no reader takes it
     */
    // One connection at a time: DuckDB lets one database instance write a file, and jobs of the
    // runner crawl and transform side by side; so the methods that open the database are synchronized.
    public DuckDbLake(Path dir, List<String> entities, String tempPrefix) {
        this(dir, entities, tempPrefix, Clock.systemUTC());
    }

    /** @param clock the pipeline's: which runs count as settled for a refresh */
    public DuckDbLake(Path dir, List<String> entities, String tempPrefix, Clock clock) {
        if (!tempPrefix.startsWith(".") || tempPrefix.length() < 2) {
            throw new IllegalArgumentException("tw.archive.temp-prefix '" + tempPrefix
                    + "' must start with '.' and name something: readers skip hidden files, so an unfinished write is never read as data");
        }
        this.dir = dir.toAbsolutePath().normalize();
        if (Files.exists(this.dir) && !Files.isDirectory(this.dir)) {
            throw new LakeException("the lake " + this.dir + " is a file, not a folder: point --lake or TW_LAKE_DIR at a folder");
        }
        if (this.dir.toString().contains("?")) {
            // DuckDB takes what follows a '?' in a database path for a URL's query (its WAL lands elsewhere)
            throw new IllegalArgumentException("the lake folder " + this.dir + " has a '?' in its path, which DuckDB cannot open a database "
                    + "under: choose a folder without '?' (--lake or TW_LAKE_DIR)");
        }
        this.entities = List.copyOf(entities);
        this.files = new LakeFiles(new FolderStore(this.dir, tempPrefix));
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** A connection for the commands that change the lake (crawl, transform). */
    Connection connect() throws SQLException, IOException {
        Files.createDirectories(dir);
        Connection db = open(dir, new Properties(), LOCK_WAIT_MS);
        try (Statement sql = db.createStatement()) {
            sql.execute("SET disabled_compression_methods = " + quoteString(UNCOMPRESSED_METHODS));
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * The compression DuckDB does not try on what it writes: FSST, the string compression, whose analysis
     * was half of the checkpoint after a refresh (after a sync-current at benchmark scale: the close 290 ms
     * with it, 150 ms without), for strings that are mostly random ids. Repeated strings keep their
     * dictionary compression; the database is about a third larger (BENCHMARKS.md, "Fourth pass").
     */
    static final String UNCOMPRESSED_METHODS = "fsst";

    Connection connectReadOnly() throws SQLException {
        return readOnly(dir, LOCK_WAIT_MS);
    }

    /**
     * A connection that cannot change anything: the database is opened read-only (so a lake that
     * cannot be written can still be read), files are reachable only inside the lake, and the
     * configuration is locked so that a statement cannot lift either.
     *
     * @param lockWaitMs how long to wait while another process writes the lake
     */
    public static Connection readOnly(Path lakeDir, long lockWaitMs) throws SQLException {
        Path dir = lakeDir.toAbsolutePath().normalize();
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        Connection db = open(dir, readOnly, lockWaitMs);
        try (Statement sql = db.createStatement()) {
            String folder = dir + "/";
            // the check compares the path as given (a glob, escaped) and the files it finds (plain)
            sql.execute("SET allowed_directories = [" + quoteString(folder) + ", " + quoteString(globEscape(folder)) + "]");
            sql.execute("SET enable_external_access = false");
            sql.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** How long a command waits for another process's lock (the dashboard server reads one request at a time). */
    static final long LOCK_WAIT_MS = 30_000;

    /** A connection whose views find their files: each says where the lake lies now. */
    private static Connection open(Path dir, Properties properties, long lockWaitMs) throws SQLException {
        Connection db = waitForLock(dir, properties, lockWaitMs);
        try (Statement sql = db.createStatement()) {
            sql.execute("SET VARIABLE " + LAKE_VARIABLE + " = " + quoteString(globEscape(dir + "/")));
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static Connection waitForLock(Path dir, Properties properties, long lockWaitMs) throws SQLException {
        long deadline = System.currentTimeMillis() + lockWaitMs;
        for (long pause = 20; ; pause = Math.min(pause * 2, 500)) {
            try {
                return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DATABASE), properties);
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("Conflicting lock") || System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the lake's lock", e);
            }
        }
    }

    /** A path of the lake as the views read it: the lake's folder (set per connection), then this glob. */
    static String lakeGlob(String relativeGlob) {
        return "getvariable(" + quoteString(LAKE_VARIABLE) + ") || " + quoteString(relativeGlob);
    }

    /** A literal path in a glob: DuckDB's glob takes [x] as a class, so '[', '*' and '?' become classes of themselves. */
    static String globEscape(String path) {
        StringBuilder escaped = new StringBuilder(path.length() + 8);
        for (char c : path.toCharArray()) {
            escaped.append(c == '[' || c == '*' || c == '?' ? "[" + c + "]" : String.valueOf(c));
        }
        return escaped.toString();
    }

    @Override
    public synchronized String crawl() {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS tw_crawled_columns (table_name VARCHAR, column_name VARCHAR, column_type VARCHAR)");
            sql.execute("CREATE TABLE IF NOT EXISTS tw_crawled_runs (table_name VARCHAR, run_id VARCHAR)");
            StringBuilder report = new StringBuilder();
            Map<String, String> tables = rawTables();
            if (tables.isEmpty()) {
                throw new LakeException("the lake at " + dir + " holds no archives yet: run './tw load' first");
            }
            for (Map.Entry<String, String> table : tables.entrySet()) {
                report.append(crawlTable(sql, table.getKey(), table.getValue()));
            }
            for (String entity : entities) {
                String table = RawTables.of(entity);
                if (!tables.containsKey(table)) {
                    report.append(emptyTable(sql, table));
                }
            }
            record(sql, "crawl", report.toString(), Instant.now());
            return report.toString();
        } catch (SQLException e) {
            throw LakeException.of("crawl", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Table name to the glob of its finished files, relative to the lake: raw_<source>_<entity>, and
     * load_runs over the manifests. Only a folder that holds a finished file is a table: a run that
     * just began holds hidden spool files only, and DuckDB fails a read whose glob matches nothing,
     * so such an entity is empty until its first object is stored.
     */
    Map<String, String> rawTables() throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        Path raw = dir.resolve(Archive.RAW);
        if (Files.isDirectory(raw)) {
            try (Stream<Path> entities = Files.walk(raw, 2)) {
                for (Path entity : entities.filter(p -> raw.relativize(p).getNameCount() == 2 && Files.isDirectory(p))
                        .sorted(Comparator.naturalOrder()).toList()) {
                    if (holdsFinished(entity, 3, ".json.gz")) {
                        String source = entity.getParent().getFileName().toString(), name = entity.getFileName().toString();
                        tables.put(RawTables.name(source, name), Archive.RAW + "/" + globEscape(source) + "/" + globEscape(name) + "/*/*/" + FINISHED);
                    }
                }
            }
        }
        if (holdsFinished(dir.resolve(Archive.MANIFESTS), 3, "manifest.json")) {
            tables.put(LOAD_RUNS, Archive.MANIFESTS + "/*/*/manifest.json");
        }
        return tables;
    }

    /** Whether a folder holds, that many levels down, a finished file (not hidden) whose name ends so. */
    private static boolean holdsFinished(Path folder, int depth, String ending) throws IOException {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(folder, depth)) {
            return files.anyMatch(f -> folder.relativize(f).getNameCount() == depth && !f.getFileName().toString().startsWith(".")
                    && f.getFileName().toString().endsWith(ending) && Files.isRegularFile(f));
        }
    }

    /** A table of the defined shape and no rows, until the entity's first archive arrives. */
    private String emptyTable(Statement sql, String table) throws SQLException {
        sql.execute("CREATE OR REPLACE VIEW " + quoteName(table) + " AS " + emptySelect(table));
        return table + ": no archives yet; empty, with the columns of " + RawTableDdl.RESOURCE + "\n";
    }

    /** No rows, in the shape of the raw table. */
    private static String emptySelect(String table) {
        StringBuilder columns = new StringBuilder();
        for (RawTableDdl.Column column : RawTableDdl.table(table).columns()) {
            columns.append("CAST(NULL AS ").append(RawTableDdl.type(column.type(), DUCKDB)).append(") AS ").append(quoteName(column.name())).append(", ");
        }
        return "SELECT " + columns + "CAST(NULL AS VARCHAR) AS \"$path\", CAST(NULL AS DATE) AS load_date, CAST(NULL AS VARCHAR) AS run_id WHERE false";
    }

    /** The records of archive files (a glob or a list of globs) as the raw table has them: its columns, "$path" and the partitions. */
    private static String archiveSelect(String table, String files) {
        Map<String, String> defined = new LinkedHashMap<>();
        RawTableDdl.table(table).columns().forEach(c -> defined.put(c.name(), RawTableDdl.type(c.type(), DUCKDB)));
        return "SELECT * FROM read_json(" + files + ", compression='gzip', format='newline_delimited', hive_partitioning=true, union_by_name=true, "
                + "filename='$path', columns=" + columnSpec(defined) + ")";
    }

    /**
     * A raw table is a view over its archives with the columns the project defines (the floor, typed as
     * text, so that no value of any type fails the read), the file of each record as "$path" (as Athena
     * names it) and the partitions. The archives' own schema is inferred too, only to report how it
     * changed and which of their fields the table leaves out; it is never applied.
     */
    private String crawlTable(Statement sql, String table, String glob) throws SQLException, IOException {
        // said, not guessed from the name: DuckDB reads a '?' in a path as the start of a URL's query
        String reader = "read_json(" + lakeGlob(glob) + (glob.endsWith(".gz") ? ", compression='gzip'" : "")
                + ", format='newline_delimited', hive_partitioning=true, union_by_name=true";
        Map<String, String> before = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT column_name, column_type FROM tw_crawled_columns WHERE table_name = " + quoteString(table))) {
            while (rs.next()) {
                before.put(rs.getString(1), rs.getString(2));
            }
        }
        Map<String, String> inferred = table.equals(LOAD_RUNS) ? describe(sql, reader + ")") : archiveFields(sql, table, glob, before);
        String report;
        if (table.equals(LOAD_RUNS)) {
            // the day folders the manifests are filed in are no column of the table, as on Athena (where run_id is its partition)
            inferred.remove("load_date");
            // the manifests are the pipeline's own writing: their inferred shape is the table
            Map<String, String> fileColumns = new LinkedHashMap<>(inferred);
            fileColumns.remove("run_id");
            sql.execute("CREATE OR REPLACE VIEW " + quoteName(table) + " AS SELECT * EXCLUDE (load_date) FROM " + reader + ", columns="
                    + columnSpec(fileColumns) + ")");
            report = RawTables.schemaChanges(table, before, inferred);
        } else {
            sql.execute("CREATE OR REPLACE VIEW " + quoteName(table) + " AS " + archiveSelect(table, lakeGlob(glob)));
            report = RawTables.schemaChanges(table, before, inferred) + RawTables.undefinedColumns(table,
                    RawTableDdl.table(table).columns().stream().map(RawTableDdl.Column::name).toList(),
                    inferred.keySet().stream().filter(c -> !List.of("load_date", "run_id").contains(c)).toList());
        }
        sql.execute("DELETE FROM tw_crawled_columns WHERE table_name = " + quoteString(table));
        for (Map.Entry<String, String> column : inferred.entrySet()) {
            sql.execute("INSERT INTO tw_crawled_columns VALUES (" + quoteString(table) + ", " + quoteString(column.getKey()) + ", "
                    + quoteString(column.getValue()) + ")");
        }
        return report;
    }

    /** A reader of archive files (a glob or a list of globs) that sees their own fields, from the start of each. */
    private static String archives(String files) {
        return "read_json(" + files + ", compression='gzip', format='newline_delimited', hive_partitioning=true, union_by_name=true, "
                + SCHEMA_SAMPLE + ")";
    }

    private static Map<String, String> describe(Statement sql, String reader) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + reader)) {
            while (rs.next()) {
                columns.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return columns;
    }

    /**
     * The archives' own fields, to report how they changed: what the crawls before saw, and the
     * fields of the runs not described yet, so that a crawl reads what came since the last one, not
     * every object of every run. A column seen with another type takes the type both unify to, as
     * reading them together would (DuckDB's UNION BY NAME). A run counts as described once it has
     * ended: one still at work may store more objects.
     */
    private Map<String, String> archiveFields(Statement sql, String table, String glob, Map<String, String> before)
            throws SQLException, IOException {
        Set<String> described = new HashSet<>();
        try (ResultSet rs = sql.executeQuery("SELECT run_id FROM tw_crawled_runs WHERE table_name = " + quoteString(table))) {
            while (rs.next()) {
                described.add(rs.getString(1));
            }
        }
        String[] sourceAndEntity = entities.stream().filter(e -> RawTables.of(e).equals(table))
                .findFirst().orElseThrow(() -> new LakeException("no entity makes the table " + table)).split("/");
        Path entity = dir.resolve(Archive.RAW).resolve(sourceAndEntity[0]).resolve(sourceAndEntity[1]);
        Map<String, Path> newRuns = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.walk(entity, 2)) {
            for (Path run : folders.filter(p -> entity.relativize(p).getNameCount() == 2 && p.getFileName().toString().startsWith("run_id=")).toList()) {
                String runId = run.getFileName().toString().substring("run_id=".length());
                if (!described.contains(runId) && holdsFinished(run, 1, ".json.gz")) {
                    newRuns.put(runId, run);
                }
            }
        }
        Map<String, String> fields = new LinkedHashMap<>(before);
        if (newRuns.isEmpty()) {
            return fields;
        }
        String files = described.isEmpty() ? lakeGlob(glob) : newRuns.values().stream()
                .map(run -> lakeGlob(globEscape(dir.relativize(run).toString().replace(File.separatorChar, '/')) + "/" + FINISHED))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        Map<String, String> seen = describe(sql, archives(files));
        for (Map.Entry<String, String> column : seen.entrySet()) {
            fields.merge(column.getKey(), column.getValue(), (old, now) -> old.equals(now) ? old : unified(sql, old, now));
        }
        for (Map.Entry<String, Path> run : newRuns.entrySet()) {
            JsonNode manifest = manifest(run.getKey());
            if (manifest != null && !LoadRun.RUNNING.equals(manifest.path("status").asText())) {
                sql.execute("INSERT INTO tw_crawled_runs VALUES (" + quoteString(table) + ", " + quoteString(run.getKey()) + ")");
            }
        }
        return fields;
    }

    /** The type two types of one column unify to, as DuckDB reads them together; the newer where they do not. */
    private static String unified(Statement sql, String older, String newer) {
        try (ResultSet rs = sql.executeQuery("SELECT typeof(x) FROM (SELECT NULL::" + older + " AS x UNION ALL BY NAME SELECT NULL::"
                + newer + " AS x) LIMIT 1")) {
            return rs.next() ? rs.getString(1) : newer;
        } catch (SQLException incompatible) {
            return newer;
        }
    }

    private static String columnSpec(Map<String, String> columns) {
        return columns.entrySet().stream().map(c -> quoteString(c.getKey()) + ": " + quoteString(c.getValue()))
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    /** The DDL's Hive types in DuckDB's words; names keep their case, which DuckDB matches JSON keys by. */
    static final RawTableDdl.Dialect DUCKDB = new RawTableDdl.Syntax(hiveType -> switch (hiveType) {
        case "string" -> "VARCHAR";
        case "bigint" -> "BIGINT";
        case "int" -> "INTEGER";
        case "boolean" -> "BOOLEAN";
        case "double" -> "DOUBLE";
        default -> hiveType.toUpperCase(java.util.Locale.ROOT);
    }, "%s[]", "MAP(%s, %s)", "STRUCT(", ", ", ")", (name, type) -> quoteName(name) + " " + type);

    /**
     * Refreshes the tables from the complete runs not read yet (all of them when full), in one
     * transaction: a failing model leaves every table as it was. The runs read are noted in the
     * refresh's state once the transaction is committed; a crash between the two makes the next
     * refresh read them again, which merges nothing twice.
     */
    @Override
    public synchronized String transform(boolean full) {
        long started = System.nanoTime();
        List<SqlModel> models = SqlModels.load();
        if (!Files.exists(dir.resolve(DATABASE))) {
            throw notCrawled(List.of(LOAD_RUNS));
        }
        String report;
        try (Database database = new Database()) {
            Refresh.Plan plan = Refresh.plan(files, models, full, database::tables, clock.instant());
            if (plan.nothingNew()) {
                return Refresh.nothingToDo(plan, files, started);
            }
            requireCrawled(database.tables());
            report = refresh(database.connection(), plan, models);
        } catch (SQLException e) {
            throw cannotOpen(e);
        }
        // taken once the database is closed: DuckDB checkpoints what the commit left in its log then, if the commit did not
        return report + Refresh.done(started);
    }

    /** The models run in one transaction, committed; then the state says which runs were read. */
    private String refresh(Connection db, Refresh.Plan plan, List<SqlModel> models) throws SQLException {
        try (Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            try {
                // a table's rows have no order: DuckDB need not keep the order a statement reads them in, which lets it
                // write with both threads at once (BENCHMARKS.md, "Refresh after a sync")
                sql.execute("SET preserve_insertion_order = false");
                for (String shim : SqlModels.resource(SHIMS).split(";\\s*\n")) {
                    if (!shim.isBlank()) {
                        sql.execute(shim);
                    }
                }
                Instant now = clock.instant();
                boolean vacuum = plan.full() || !vacuumedOn(sql, now);
                if (!vacuum) {
                    sql.execute("SET max_vacuum_tasks = 0");
                }
                String report = Refresh.run(plan, models, new Engine(db)) + Quarantine.report(count(sql, Quarantine.TABLE))
                        + (vacuum && !plan.full() ? "vacuum: the day's first refresh merges the row groups that deleted rows thinned\n" : "");
                record(sql, "transform", report, Instant.now());
                if (vacuum) {
                    record(sql, VACUUM, "", now);
                }
                // the commit checkpoints at once, which writes no log: the changes would otherwise be written to the
                // log, then again into the database when it closes (15 MB twice after a sync-current at benchmark scale)
                sql.execute("SET checkpoint_threshold = '0B'");
                db.commit();
                files.writeState(Refresh.STATE, plan.stateAfter());
                return report;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        }
    }

    private static LakeException cannotOpen(SQLException e) {
        return new LakeException("transform cannot open the lake's database: " + LakeException.firstLine(e)
                + " (is another './tw' command using this lake? can its folder be written?)");
    }

    /**
     * The transform's connection, opened when first asked for: a refresh with nothing new opens no
     * database, and one with something new opens it once (the plan asks for the tables' names in it).
     */
    private final class Database implements AutoCloseable {
        private Connection db;
        private Set<String> tables;

        Connection connection() {
            if (db == null) {
                try {
                    db = connect();
                } catch (SQLException e) {
                    throw cannotOpen(e);
                } catch (IOException e) {
                    throw new LakeException("transform cannot write to the lake at " + dir + ": " + e.getMessage());
                }
            }
            return db;
        }

        Set<String> tables() {
            if (tables == null) {
                try (Statement sql = connection().createStatement()) {
                    tables = tableNames(sql);
                } catch (SQLException e) {
                    throw new LakeException("cannot read the lake's database " + dir.resolve(DATABASE) + ": " + LakeException.firstLine(e));
                }
            }
            return tables;
        }

        @Override
        public void close() throws SQLException {
            if (db != null) {
                db.close();
            }
        }
    }

    /**
     * Up to how many values a table is narrowed to by a list (as many as DuckDB's own filter from a join's
     * values, dynamic_or_filter_threshold): a list is searched value by value for every row of the table.
     */
    static final int LISTED_VALUES = 50;

    /** The models on DuckDB, in the transform's transaction. */
    private final class Engine implements Refresh.Engine {
        private final Connection db;
        /**
         * The columns of the database's tables, asked for at once when first needed (a query of the catalog costs
         * about 3 ms, and a refresh needs the columns of twenty tables), then of each table made anew since.
         */
        private Map<String, List<String>> columns;
        private Set<String> views;
        /** The condition of each narrowing to a table of values (its name and key), for the other tables narrowed to the same. */
        private final Map<List<String>, String> narrowings = new HashMap<>();

        Engine(Connection db) {
            this.db = db;
        }

        /**
         * refresh_runs as a temporary table, and, unless all runs are read, each raw table shadowed by
         * a temporary view over the folders of these runs only: DuckDB opens no other run's files
         * (a filter on run_id by a subquery would still open them all).
         */
        @Override
        public void readRuns(List<String> runs, boolean all) {
            execute("CREATE OR REPLACE TEMP TABLE refresh_runs (run_id VARCHAR)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO refresh_runs VALUES (?)")) {
                for (String run : runs) {
                    insert.setString(1, run);
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new LakeException(LakeException.firstLine(e));
            }
            if (all) {
                return;
            }
            for (String entity : entities) {
                String[] parts = entity.split("/");
                String table = RawTables.of(entity);
                List<String> folders = runFolders(parts[0], parts[1], runs);
                execute("CREATE OR REPLACE TEMP VIEW " + quoteName(table) + " AS " + (folders.isEmpty() ? emptySelect(table)
                        : archiveSelect(table, folders.stream().map(f -> lakeGlob(globEscape(f) + FINISHED)).collect(Collectors.joining(", ", "[", "]")))));
            }
        }

        @Override
        public List<String> columns(String table) {
            if (columns == null) {
                columns = new HashMap<>();
                query(COLUMNS + " ORDER BY table_name, ordinal_position", row -> columns.computeIfAbsent(row.getString(1), t -> new ArrayList<>()).add(row.getString(2)));
            }
            return columns.computeIfAbsent(table, t -> {
                List<String> names = new ArrayList<>();
                query(COLUMNS + " AND table_name = " + quoteString(t) + " ORDER BY ordinal_position", row -> names.add(row.getString(2)));
                return names;
            });
        }

        private static final String COLUMNS = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'main' "
                + "AND table_catalog = current_database()";

        private void forgetColumns(String table) {
            if (columns != null) {
                columns.remove(table);
            }
        }

        /** A temporary table, read by the models after it; a table of the name that an older transform made goes. */
        @Override
        public void batch(String name, String select) {
            forgetColumns(name);
            execute("DROP TABLE IF EXISTS " + CATALOG + ".main." + quoteName(name));
            temporary(name, select);
        }

        @Override
        public void temporary(String name, String select) {
            narrowings.keySet().removeIf(narrowing -> narrowing.get(0).equals(name));
            execute("CREATE OR REPLACE TEMP TABLE " + quoteName(name) + " AS " + select);
        }

        /**
         * A temporary view of the name, over the database's own table, shadows it. A few values go into the
         * view as a list in a variable of the connection, which DuckDB puts into the view's query as a
         * constant and filters the table by as it scans it: the other columns are read for the rows kept
         * only. For {@code IN (SELECT ...)} it reads every row's columns before a join keeps a few (all the
         * orders' tickets lists, to keep 34 events' orders: about 7 times slower). Many values are joined
         * instead, as a list is searched value by value for every row.
         */
        @Override
        public void narrow(String table, String key, String values) {
            String condition = narrowings.computeIfAbsent(List.of(values, key), v -> condition(key, values));
            execute("CREATE OR REPLACE TEMP VIEW " + quoteName(table) + " AS SELECT * FROM " + CATALOG + ".main." + quoteName(table) + " WHERE " + condition);
        }

        /** The condition that a row's key is one of the values, found once for the tables narrowed to them. */
        private String condition(String key, String values) {
            long distinct = Long.parseLong(query("SELECT count(DISTINCT " + key + ") FROM " + quoteName(values)).get(0));
            if (distinct > LISTED_VALUES) {
                return key + " IN (SELECT " + key + " FROM " + quoteName(values) + ")";
            }
            String listed = "listed_" + values + "_" + key;
            execute("SET VARIABLE " + quoteName(listed) + " = (SELECT list(DISTINCT " + key + ") FROM " + quoteName(values) + ")");
            return "list_contains(getvariable(" + quoteString(listed) + "), " + key + ")";
        }

        @Override
        public void widen(String table) {
            execute("DROP VIEW IF EXISTS temp.main." + quoteName(table));
        }

        @Override
        public void replace(String table, String select) {
            forgetColumns(table);
            if (views().remove(table)) {
                execute("DROP VIEW " + quoteName(table));
            }
            execute("CREATE OR REPLACE TABLE " + quoteName(table) + " AS " + select);
        }

        /** A view costs what scanning its staging table costs, where a table is written again by every refresh. */
        @Override
        public boolean keepsViews() {
            return true;
        }

        /** The view, in place of a table of the name that an older transform made. */
        @Override
        public void view(String name, String select) {
            forgetColumns(name);
            if (!views().contains(name)) {
                execute("DROP TABLE IF EXISTS " + quoteName(name));
            }
            execute("CREATE OR REPLACE VIEW " + quoteName(name) + " AS " + select);
            views.add(name);
        }

        /** The database's views, asked for once: DuckDB makes neither a view of a table's name nor a table of a view's. */
        private Set<String> views() {
            if (views == null) {
                views = new HashSet<>(query("SELECT table_name FROM information_schema.tables WHERE table_type = 'VIEW' AND table_schema = 'main' "
                        + "AND table_catalog = current_database()"));
            }
            return views;
        }

        @Override
        public void execute(String statement) {
            try (Statement sql = db.createStatement()) {
                sql.execute(statement);
            } catch (SQLException e) {
                throw new LakeException(LakeException.firstLine(e));
            }
        }

        /**
         * The merge as one join, a DELETE and an INSERT. The new rows are joined with the table once
         * (matched_&lt;model&gt;: each new row's keys, whether it adds a key or replaces the table's row as a newer
         * version, that row's id, the kept columns of both, and for each reader whether the replacement touches
         * its rows); then the rows replaced go by their ids, and the new rows that add or replace come in. Each join
         * by key reads the table's keys (200,000 charges), and the capture, the DELETE and the INSERT used to join
         * four times. MERGE's UPDATE of a few thousand rows scattered by key would make the checkpoint write every
         * updated column of every row group again (the whole table); an insert writes its own rows, a delete a mark.
         */
        @Override
        public void merge(SqlModel model, String source, List<String> columns, List<String> kept, Map<String, String> readers) {
            List<String> keys = model.mergeKeys();
            String table = model.name(), matched = "matched_" + table;
            // a table of keys only has nothing a newer version could replace
            String newer = keys.containsAll(columns) ? "false" : SqlMacros.expand("newer_version(s, t)");
            StringBuilder differs = new StringBuilder();
            readers.forEach((reader, touched) -> differs.append(", ").append(touched).append(" AS differs_").append(reader));
            temporary(matched, "SELECT " + keys.stream().map(k -> "s." + k).collect(Collectors.joining(", "))
                    + kept.stream().map(c -> ", t." + c + " AS before_" + c + ", s." + c + " AS after_" + c).collect(Collectors.joining())
                    + ", t.rowid AS replaced_row, t." + keys.get(0) + " IS NULL AS adds, t." + keys.get(0) + " IS NOT NULL AND " + newer
                    + " AS replaces" + differs + " FROM " + source + " s LEFT JOIN " + table + " t ON " + Refresh.sameKeys(keys, "t", "s"));
            String touchesBefore = readers.keySet().stream().map(r -> ", differs_" + r + " AS " + Refresh.touches(r)).collect(Collectors.joining());
            String touchesAfter = readers.keySet().stream().map(r -> ", adds OR differs_" + r + " AS " + Refresh.touches(r)).collect(Collectors.joining());
            temporary(Refresh.changedTable(model), "SELECT " + kept.stream().map(c -> "before_" + c + " AS " + c).collect(Collectors.joining(", "))
                    + touchesBefore + " FROM " + matched + " WHERE replaces UNION ALL SELECT " + kept.stream().map(c -> "after_" + c + " AS " + c)
                    .collect(Collectors.joining(", ")) + touchesAfter + " FROM " + matched + " WHERE adds OR replaces");
            execute("DELETE FROM " + table + " WHERE rowid IN (SELECT replaced_row FROM " + matched + " WHERE replaces)");
            execute("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + columns.stream().map(c -> "s." + c)
                    .collect(Collectors.joining(", ")) + " FROM " + source + " s JOIN " + matched + " m ON " + Refresh.sameKeys(keys, "s", "m")
                    + " WHERE m.adds OR m.replaces");
        }

        @Override
        public long rows(String table) {
            return Long.parseLong(query("SELECT count(*) FROM " + quoteName(table)).get(0));
        }

        /** The first column of the statement's rows. */
        private List<String> query(String statement) {
            List<String> values = new ArrayList<>();
            query(statement, row -> values.add(row.getString(1)));
            return values;
        }

        private void query(String statement, Row each) {
            try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(statement)) {
                while (rs.next()) {
                    each.read(rs);
                }
            } catch (SQLException e) {
                throw new LakeException(LakeException.firstLine(e));
            }
        }
    }

    /** What is taken from each row of a result. */
    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    /** The folders (relative to the lake, ending with a slash) that hold finished archives of the entity from these runs. */
    private List<String> runFolders(String source, String entity, List<String> runs) {
        Path root = dir.resolve(Archive.RAW).resolve(source).resolve(entity);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> folders = new ArrayList<>();
        try (Stream<Path> days = Files.list(root)) {
            for (Path day : days.filter(Files::isDirectory).sorted().toList()) {
                for (String run : runs) {
                    Path folder = day.resolve("run_id=" + run);
                    if (Files.isDirectory(folder) && holdsFinished(folder, 1, ".json.gz")) {
                        folders.add(dir.relativize(folder).toString().replace(File.separatorChar, '/') + "/");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folders;
    }

    /** Transform reads the raw tables a crawl makes: without them there is nothing a model could fix. */
    private void requireCrawled(Set<String> tables) {
        List<String> missing = new ArrayList<>();
        for (String entity : entities) {
            if (!tables.contains(RawTables.of(entity))) {
                missing.add(RawTables.of(entity));
            }
        }
        if (!tables.contains(LOAD_RUNS)) {
            missing.add(LOAD_RUNS);
        }
        if (!missing.isEmpty()) {
            throw notCrawled(missing);
        }
    }

    private LakeException notCrawled(List<String> missing) {
        return new LakeException("transform has no raw tables to read yet (" + String.join(", ", missing) + " missing): run './tw crawl' "
                + (Files.isDirectory(dir.resolve(Archive.MANIFESTS)) ? "" : "after './tw load' ") + "first, then './tw transform'");
    }

    private static Set<String> tableNames(Statement sql) throws SQLException {
        Set<String> names = new HashSet<>();
        try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_catalog = current_database()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Runs one statement that only reads, and prints it as CSV. The connection is read-only and
     * DuckDB's own parser must find one SELECT (also as FROM, VALUES, TABLE, DESCRIBE, SHOW or
     * SUMMARIZE, or one under EXPLAIN): COPY ... TO, EXPORT, ATTACH and the like would write files.
     */
    @Override
    public synchronized void query(String statement, PrintStream out) {
        if (!Files.exists(dir.resolve(DATABASE))) {
            throw new LakeException("the lake at " + dir + " has no tables yet: run './tw load', './tw crawl' and './tw transform' (or './tw demo')");
        }
        try (Connection db = connectReadOnly()) {
            requireReading(db, statement);
            try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(statement)) {
                Csv.write(rs, out);
            }
        } catch (SQLException e) {
            String message = LakeException.firstLine(e);
            if (message.contains("read-only mode")) {
                throw ReadingStatements.refused(statement);
            }
            throw new LakeException("query failed: " + message);
        }
    }

    /** DuckDB's own parser says whether the text is one SELECT; text it cannot parse fails as the query itself. */
    private static void requireReading(Connection db, String statement) throws SQLException {
        // the function takes a constant only: the text goes in as a quoted literal
        try (Statement parse = db.createStatement()) {
            try (ResultSet rs = parse.executeQuery("SELECT json_serialize_sql(" + quoteString(ReadingStatements.withoutExplain(statement)) + ")")) {
                rs.next();
                JsonNode parsed = JSON.readTree(rs.getString(1));
                if (parsed.path("error").asBoolean() && "not implemented".equals(parsed.path("error_type").asText())) {
                    throw ReadingStatements.refused(statement);
                }
                if (parsed.path("statements").size() > 1) {
                    throw new LakeException("query runs one statement, and this text holds more than one: run them one at a time");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs, tables and last crawl and transform; reads only (the database is opened read-only, if there is one). */
    @Override
    public synchronized String status(int runs) {
        StringBuilder status = new StringBuilder("lake: " + dir + "\n");
        status.append(runs(runs));
        if (!Files.exists(dir.resolve(DATABASE))) {
            return status.append("no tables yet: run './tw load' then './tw crawl' and './tw transform' (or './tw demo')\n").toString();
        }
        try (Connection db = connectReadOnly(); Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            boolean activity = false;
            try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name")) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    activity |= table.equals("tw_activity");
                    if (!table.startsWith("tw_")) {
                        tables.add(table);
                    }
                }
            }
            status.append("tables:\n");
            for (String table : tables) {
                status.append(String.format("  %-34s %,12d rows%n", table, count(sql, table)));
            }
            if (tables.contains(Quarantine.TABLE)) {
                status.append(Quarantine.report(count(sql, Quarantine.TABLE)));
            }
            if (activity) {
                try (ResultSet rs = sql.executeQuery("SELECT activity, finished_at FROM tw_activity ORDER BY activity")) {
                    while (rs.next()) {
                        status.append("last ").append(rs.getString(1)).append(": ").append(rs.getString(2)).append(" UTC\n");
                    }
                }
            }
            return status.toString();
        } catch (SQLException e) {
            throw LakeException.of("status", e);
        }
    }

    /** The newest runs from their manifests, each with the status to show: a running run whose process is gone is abandoned. */
    private String runs(int limit) {
        return files.runs(limit);
    }

    private JsonNode manifest(String runId) {
        return files.manifest(runId);
    }

    /** First files by day the manifests a lake written before kept in one folder, and makes load_runs read them there. */
    @Override
    public String removeUnfinishedWrites() {
        String filed = files.fileManifestsByDay();
        if (!filed.isEmpty()) {
            crawl();
        }
        return filed + files.removeUnfinishedWrites("unfinished writes");
    }

    @Override
    public synchronized String purge() {
        int removed = files.purge(List.of(Archive.RAW, Archive.MANIFESTS, Archive.STATE, DATABASE, DATABASE + ".wal", ".reference"));
        return "removed " + removed + " files from " + dir + "\n";
    }

    /**
     * A crawl is due when the run archived an entity that has no table yet, or columns its table
     * lacks: the run's own files are described and their columns compared with what the last crawl saw.
     */
    @Override
    public synchronized boolean needsCrawl(LoadRun run) {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS tw_crawled_columns (table_name VARCHAR, column_name VARCHAR, column_type VARCHAR)");
            for (Map.Entry<String, LoadRun.Counts> entity : run.entities().entrySet()) {
                if (entity.getValue().files.get() == 0) {
                    continue;
                }
                String[] parts = entity.getKey().split("/");
                String table = RawTables.of(entity.getKey());
                Set<String> crawled = new HashSet<>();
                try (ResultSet rs = sql.executeQuery("SELECT column_name FROM tw_crawled_columns WHERE table_name = " + quoteString(table))) {
                    while (rs.next()) {
                        crawled.add(rs.getString(1));
                    }
                }
                String files = Archive.RAW + "/" + parts[0] + "/" + parts[1] + "/load_date=" + run.loadDate() + "/run_id=" + run.id() + "/" + FINISHED;
                // new names only: one run's sample can type a nested field more narrowly than the crawl did
                if (!crawled.containsAll(describe(sql, archives(lakeGlob(files))).keySet())) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw LakeException.of("crawl check", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public LakeFiles files() {
        return files;
    }

    private static long count(Statement sql, String table) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + quoteName(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When each crawl and transform last finished, and the last vacuum (status reads it where a crawl or transform made it). */
    private static void record(Statement sql, String activity, String report, Instant at) throws SQLException {
        sql.execute(ACTIVITY);
        sql.execute("INSERT OR REPLACE INTO tw_activity VALUES (" + quoteString(activity) + ", TIMESTAMP '"
                + at.toString().replace('T', ' ').replace("Z", "") + "', " + quoteString(report) + ")");
    }

    private static final String ACTIVITY = "CREATE TABLE IF NOT EXISTS tw_activity (activity VARCHAR PRIMARY KEY, finished_at TIMESTAMP, report VARCHAR)";

    /**
     * DuckDB's checkpoint merges row groups that deleted rows thinned into fewer ("vacuum") whenever it can, in
     * whichever refresh makes that possible: up to three row groups of a table written again (200,000 charges
     * at benchmark scale, 0.3 s) for the few thousand rows a sync changed. The first refresh of each day (UTC, on
     * the pipeline's clock) and a full one vacuum; the others leave the deleted rows marked, so that a refresh
     * costs what changed (BENCHMARKS.md, "Fifth pass").
     */
    static final String VACUUM = "vacuum";

    private static boolean vacuumedOn(Statement sql, Instant now) throws SQLException {
        sql.execute(ACTIVITY);
        try (ResultSet rs = sql.executeQuery("SELECT CAST(finished_at AS DATE) = DATE '" + now.atZone(java.time.ZoneOffset.UTC).toLocalDate()
                + "' FROM tw_activity WHERE activity = " + quoteString(VACUUM))) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    static String quoteString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String quoteName(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** For tests and the demo summary: one number from a query. */
    public synchronized BigDecimal scalar(String statement) {
        try (Connection db = connectReadOnly(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(statement)) {
            rs.next();
            return rs.getBigDecimal(1);
        } catch (SQLException e) {
            throw new LakeException("query failed: " + LakeException.firstLine(e));
        }
    }
}
