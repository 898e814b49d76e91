package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Archive;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The local lake: archives in a folder, tables in an embedded DuckDB database beside them. Crawl
 * is the local twin of the aws crawl: a view per raw entity over its files, with the columns of
 * athena/raw_tables.sql and the partitions as columns, reporting what changed in the files' schema.
 */
public final class DuckDbLake implements Lake {
    static final String DATABASE = "warehouse.duckdb";
    static final String SHIMS = "models/shims/duckdb.sql";
    static final String LOAD_RUNS = "load_runs";

    private final Path dir;
    private final List<String> entities;

    /** @param entities what the loads archive, as {@code source/entity}: each gets a table, empty until archived */
    public DuckDbLake(Path dir, List<String> entities) {
        this.dir = dir.toAbsolutePath().normalize();
        if (Files.exists(this.dir) && !Files.isDirectory(this.dir)) {
            throw new LakeException("the lake " + this.dir + " is a file, not a folder: point --lake or TW_LAKE_DIR at a folder");
        }
        this.entities = List.copyOf(entities);
    }

    public Path dir() {
        return dir;
    }

    Connection connect() throws SQLException, IOException {
        Files.createDirectories(dir);
        return DriverManager.getConnection("jdbc:duckdb:" + dir.resolve(DATABASE));
    }

    @Override
    public String crawl() {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS tw_crawled_columns (table_name VARCHAR, column_name VARCHAR, column_type VARCHAR)");
            StringBuilder report = new StringBuilder();
            Map<String, String> tables = rawTables();
            if (tables.isEmpty()) {
                throw new LakeException("the lake at " + dir + " holds no archives yet: run './tw load' first");
            }
            for (Map.Entry<String, String> table : tables.entrySet()) {
                report.append(crawlTable(sql, table.getKey(), table.getValue()));
            }
            for (String entity : entities) {
                String[] parts = entity.split("/");
                String table = RawTables.name(parts[0], parts[1]);
                if (!tables.containsKey(table)) {
                    report.append(emptyTable(sql, table));
                }
            }
            record(sql, "crawl", report.toString());
            return report.toString();
        } catch (SQLException e) {
            throw LakeException.of("crawl", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Table name to the glob of its files: raw_<source>_<entity>, and load_runs over the manifests. */
    Map<String, String> rawTables() throws IOException {
        Map<String, String> tables = new LinkedHashMap<>();
        Path raw = dir.resolve(Archive.RAW);
        if (Files.isDirectory(raw)) {
            try (Stream<Path> entities = Files.walk(raw, 2)) {
                for (Path entity : entities.filter(p -> raw.relativize(p).getNameCount() == 2 && Files.isDirectory(p))
                        .sorted(Comparator.naturalOrder()).toList()) {
                    tables.put(RawTables.name(entity.getParent().getFileName().toString(), entity.getFileName().toString()),
                            entity + "/*/*/*.json.gz");
                }
            }
        }
        if (Files.isDirectory(dir.resolve(Archive.MANIFESTS))) {
            tables.put(LOAD_RUNS, dir.resolve(Archive.MANIFESTS) + "/*/manifest.json");
        }
        return tables;
    }

    /** A table of the defined shape and no rows, until the entity's first archive arrives. */
    private String emptyTable(Statement sql, String table) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (RawTableDdl.Column column : RawTableDdl.table(table).columns()) {
            columns.append("CAST(NULL AS ").append(RawTableDdl.type(column.type(), DUCKDB)).append(") AS ").append(quoteName(column.name())).append(", ");
        }
        sql.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT " + columns + "CAST(NULL AS VARCHAR) AS \"$path\", "
                + "CAST(NULL AS DATE) AS load_date, CAST(NULL AS VARCHAR) AS run_id WHERE false");
        return table + ": no archives yet; empty, with the columns of " + RawTableDdl.RESOURCE + "\n";
    }

    /**
     * A raw table is a view over its archives with the columns the project defines (the floor, typed as
     * text, so that no value of any type fails the read), the file of each record as "$path" (as Athena
     * names it) and the partitions. The archives' own schema is inferred too, only to report how it
     * changed and which of their fields the table leaves out; it is never applied.
     */
    private String crawlTable(Statement sql, String table, String glob) throws SQLException {
        String reader = "read_json(" + quoteString(glob) + ", format='newline_delimited', hive_partitioning=true, union_by_name=true";
        Map<String, String> inferred = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + reader + ")")) {
            while (rs.next()) {
                inferred.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        Map<String, String> before = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT column_name, column_type FROM tw_crawled_columns WHERE table_name = " + quoteString(table))) {
            while (rs.next()) {
                before.put(rs.getString(1), rs.getString(2));
            }
        }
        String report;
        if (table.equals(LOAD_RUNS)) {
            // the manifests are the pipeline's own writing: their inferred shape is the table
            Map<String, String> fileColumns = new LinkedHashMap<>(inferred);
            fileColumns.remove("run_id");
            sql.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM " + reader + ", columns=" + columnSpec(fileColumns) + ")");
            report = RawTables.schemaChanges(table, before, inferred);
        } else {
            Map<String, String> defined = new LinkedHashMap<>();
            RawTableDdl.table(table).columns().forEach(c -> defined.put(c.name(), RawTableDdl.type(c.type(), DUCKDB)));
            sql.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM " + reader + ", filename='$path', columns="
                    + columnSpec(defined) + ")");
            report = RawTables.schemaChanges(table, before, inferred) + RawTables.undefinedColumns(table, defined.keySet(),
                    inferred.keySet().stream().filter(c -> !List.of("load_date", "run_id").contains(c)).toList());
        }
        sql.execute("DELETE FROM tw_crawled_columns WHERE table_name = " + quoteString(table));
        for (Map.Entry<String, String> column : inferred.entrySet()) {
            sql.execute("INSERT INTO tw_crawled_columns VALUES (" + quoteString(table) + ", " + quoteString(column.getKey()) + ", "
                    + quoteString(column.getValue()) + ")");
        }
        return report;
    }

    private static String columnSpec(Map<String, String> columns) {
        return columns.entrySet().stream().map(c -> quoteString(c.getKey()) + ": " + quoteString(c.getValue()))
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
    }

    /** The DDL's Hive types in DuckDB's words; names keep their case, which DuckDB matches JSON keys by. */
    static final RawTableDdl.Dialect DUCKDB = new RawTableDdl.Dialect() {
        @Override
        public String primitive(String hiveType) {
            return switch (hiveType) {
                case "string" -> "VARCHAR";
                case "bigint" -> "BIGINT";
                case "int" -> "INTEGER";
                case "boolean" -> "BOOLEAN";
                case "double" -> "DOUBLE";
                default -> hiveType.toUpperCase(java.util.Locale.ROOT);
            };
        }

        @Override
        public String array(String element) {
            return element + "[]";
        }

        @Override
        public String map(String key, String value) {
            return "MAP(" + key + ", " + value + ")";
        }

        @Override
        public String struct(List<RawTableDdl.Column> fields) {
            return fields.stream().map(f -> quoteName(f.name()) + " " + f.type())
                    .collect(java.util.stream.Collectors.joining(", ", "STRUCT(", ")"));
        }
    };

    static String quoteName(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String transform() {
        List<SqlModel> models = SqlModels.load();
        StringBuilder report = new StringBuilder();
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            db.setAutoCommit(false);
            for (String shim : SqlModels.resource(SHIMS).split(";\\s*\n")) {
                if (!shim.isBlank()) {
                    sql.execute(shim);
                }
            }
            for (SqlModel model : models) {
                long started = System.nanoTime();
                try {
                    sql.execute("CREATE OR REPLACE TABLE " + model.name() + " AS " + model.select());
                } catch (SQLException e) {
                    db.rollback();
                    throw new LakeException("SQL model " + model.file() + " failed: " + LakeException.firstLine(e)
                            + " (nothing was changed; fix the model and run './tw transform' again)");
                }
                long rows = count(sql, model.name());
                report.append(String.format("%-32s %,12d rows %8d ms%n", model.name(), rows, (System.nanoTime() - started) / 1_000_000));
            }
            report.append(Quarantine.report(count(sql, Quarantine.TABLE)));
            record(sql, "transform", report.toString());
            db.commit();
            return report.toString();
        } catch (SQLException e) {
            throw LakeException.of("transform", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void query(String statement, PrintStream out) {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(statement)) {
            Csv.write(rs, out);
        } catch (SQLException e) {
            throw new LakeException("query failed: " + LakeException.firstLine(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String status(int runs) {
        StringBuilder status = new StringBuilder("lake: " + dir + "\n");
        if (!Files.exists(dir.resolve(DATABASE))) {
            status.append(manifestsWithoutTables(runs));
            return status.append("no tables yet: run './tw load' then './tw crawl' and './tw transform' (or './tw demo')\n").toString();
        }
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'main' AND table_name NOT LIKE 'tw\\_%' ESCAPE '\\' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.contains("load_runs")) {
                long total = count(sql, "load_runs");
                status.append(RunList.header((int) Math.min(runs, total), total));
                try (ResultSet rs = sql.executeQuery("SELECT run_id, status, time_range, sources, records, duration_ms, finished_at "
                        + "FROM load_runs ORDER BY run_id DESC LIMIT " + runs)) {
                    while (rs.next()) {
                        status.append(RunList.line(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                                rs.getLong(6), Objects.toString(rs.getString(7), "-")));
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
            createActivityTable(sql);
            try (ResultSet rs = sql.executeQuery("SELECT activity, finished_at FROM tw_activity ORDER BY activity")) {
                while (rs.next()) {
                    status.append("last ").append(rs.getString(1)).append(": ").append(rs.getString(2)).append(" UTC\n");
                }
            }
            return status.toString();
        } catch (SQLException e) {
            throw LakeException.of("status", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The runs, read from their manifests, for a lake that has not been crawled yet. */
    private String manifestsWithoutTables(int runs) {
        Path manifests = dir.resolve(Archive.MANIFESTS);
        if (!Files.isDirectory(manifests)) {
            return "";
        }
        try (Stream<Path> folders = Files.list(manifests)) {
            List<String> files = folders.map(folder -> folder.resolve("manifest.json")).filter(Files::exists).map(Path::toString).toList();
            return RunList.of(files, file -> Files.readAllBytes(Path.of(file)), runs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String purge() {
        int removed = 0;
        for (String part : List.of(Archive.RAW, Archive.MANIFESTS, DATABASE, DATABASE + ".wal", ".reference")) {
            removed += deleteTree(dir.resolve(part));
        }
        return "removed " + removed + " files from " + dir + "\n";
    }

    private static int deleteTree(Path path) {
        if (!Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.delete(p);
            }
            return (int) all.stream().filter(p -> !Files.isDirectory(p)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Statement sql, String table) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void record(Statement sql, String activity, String report) throws SQLException {
        createActivityTable(sql);
        sql.execute("INSERT OR REPLACE INTO tw_activity VALUES (" + quoteString(activity) + ", TIMESTAMP '"
                + Instant.now().toString().replace('T', ' ').replace("Z", "") + "', " + quoteString(report) + ")");
    }

    /** When each crawl and transform last finished; a lake that was only queried has none yet. */
    private static void createActivityTable(Statement sql) throws SQLException {
        sql.execute("CREATE TABLE IF NOT EXISTS tw_activity (activity VARCHAR PRIMARY KEY, finished_at TIMESTAMP, report VARCHAR)");
    }

    static String quoteString(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** For tests and the demo summary: one number from a query. */
    public BigDecimal scalar(String statement) {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(statement)) {
            rs.next();
            return rs.getBigDecimal(1);
        } catch (SQLException e) {
            throw new LakeException("query failed: " + LakeException.firstLine(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
