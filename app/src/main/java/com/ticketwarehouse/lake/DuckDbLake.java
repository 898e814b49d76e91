package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;

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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local lake: archives in a folder, tables in an embedded DuckDB database beside them. Crawl
 * is the local twin of a Glue crawler: a view per raw entity over its files, with the schema
 * inferred from them and the partitions as columns.
 */
public final class DuckDbLake implements Lake {
    static final String DATABASE = "warehouse.duckdb";
    static final String SHIMS = "models/shims/duckdb.sql";

    private final Path dir;
    private final List<String> entities;

    /** @param entities what the loads archive, as {@code source/entity}: each gets a table, empty until archived */
    // One connection at a time: DuckDB lets one database instance write a file, and jobs of the
    // runner crawl and transform side by side; so the methods that open the database are synchronized.
    public DuckDbLake(Path dir, List<String> entities) {
        this.dir = dir.toAbsolutePath().normalize();
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
    public synchronized String crawl() {
        try (Connection db = connect(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS tw_crawled_columns (table_name VARCHAR, column_name VARCHAR, column_type VARCHAR)");
            StringBuilder report = new StringBuilder();
            Map<String, String> tables = rawTables();
            if (tables.isEmpty()) {
                throw new LakeException("the lake at " + dir + " holds no archives yet: run './tw load' first");
            }
            for (Map.Entry<String, String> table : tables.entrySet()) {
                String entity = entities.stream().filter(e -> RawTables.name(e.split("/")[0], e.split("/")[1]).equals(table.getKey()))
                        .filter(e -> ReferenceSchemas.mixesShapes(e.split("/")[0], e.split("/")[1])).findFirst().orElse(null);
                report.append(crawlTable(sql, table.getKey(), table.getValue(), entity == null ? null : reference(entity.split("/")[0], entity.split("/")[1])));
            }
            for (String entity : entities) {
                String[] parts = entity.split("/");
                String table = RawTables.name(parts[0], parts[1]);
                if (!tables.containsKey(table)) {
                    report.append(emptyTable(sql, table, parts[0], parts[1]));
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
            tables.put("load_runs", dir.resolve(Archive.MANIFESTS) + "/*/manifest.json");
        }
        return tables;
    }

    /** A table with the reference shape and no rows, until the entity's first archive arrives. */
    private String emptyTable(Statement sql, String table, String source, String entity) throws SQLException, IOException {
        Path sample = reference(source, entity);
        sql.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT *, CAST(NULL AS DATE) AS load_date, CAST(NULL AS VARCHAR) AS run_id"
                + " FROM read_json('" + sample + "', format='newline_delimited') WHERE false");
        return table + ": no archives yet; empty, with the reference schema\n";
    }

    /** The entity's reference record, as a file the crawl can read. */
    private Path reference(String source, String entity) throws IOException {
        Path sample = dir.resolve(".reference").resolve(source + "-" + entity + ".json");
        Files.createDirectories(sample.getParent());
        Files.write(sample, ReferenceSchemas.sample(source, entity));
        return sample;
    }

    /** @param reference a record whose fields join the inference (for archives that mix shapes), or null */
    private String crawlTable(Statement sql, String table, String glob, Path reference) throws SQLException {
        String reader = "read_json('" + glob + "', format='newline_delimited', hive_partitioning=true, union_by_name=true)";
        Map<String, String> columns = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + reader)) {
            while (rs.next()) {
                columns.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        if (reference != null) {
            try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM read_json(['" + glob + "', '" + reference
                    + "'], format='newline_delimited', union_by_name=true)")) {
                while (rs.next()) {
                    columns.put(rs.getString("column_name"), rs.getString("column_type"));
                }
            }
        }
        Map<String, String> before = new LinkedHashMap<>();
        try (ResultSet rs = sql.executeQuery("SELECT column_name, column_type FROM tw_crawled_columns WHERE table_name = '" + table + "'")) {
            while (rs.next()) {
                before.put(rs.getString(1), rs.getString(2));
            }
        }
        // the partitions come from the path; the other columns are pinned so a query need not infer again
        Map<String, String> fileColumns = new LinkedHashMap<>(columns);
        fileColumns.keySet().removeAll(partitionColumns(glob));
        String columnSpec = fileColumns.entrySet().stream()
                .map(c -> quoteString(c.getKey()) + ": " + quoteString(c.getValue()))
                .reduce((a, b) -> a + ", " + b).orElse("");
        sql.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM read_json('" + glob
                + "', format='newline_delimited', hive_partitioning=true, union_by_name=true, columns={" + columnSpec + "})");
        sql.execute("DELETE FROM tw_crawled_columns WHERE table_name = '" + table + "'");
        for (Map.Entry<String, String> column : columns.entrySet()) {
            sql.execute("INSERT INTO tw_crawled_columns VALUES (" + quoteString(table) + ", " + quoteString(column.getKey()) + ", "
                    + quoteString(column.getValue()) + ")");
        }
        return RawTables.schemaChanges(table, before, columns);
    }

    private static List<String> partitionColumns(String glob) {
        return glob.contains("/manifests/") ? List.of("run_id") : List.of("load_date", "run_id");
    }

    @Override
    public synchronized String transform() {
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
    public synchronized void query(String statement, PrintStream out) {
        try (Connection db = connect(); Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(statement)) {
            Csv.write(rs, out);
        } catch (SQLException e) {
            throw new LakeException("query failed: " + LakeException.firstLine(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized String status() {
        StringBuilder status = new StringBuilder("lake: " + dir + "\n");
        if (!Files.exists(dir.resolve(DATABASE))) {
            status.append(manifestsWithoutTables());
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
                status.append("runs (newest first):\n");
                try (ResultSet rs = sql.executeQuery("SELECT run_id, status, time_range, sources, records, duration_ms, finished_at "
                        + "FROM load_runs ORDER BY run_id DESC LIMIT 10")) {
                    while (rs.next()) {
                        status.append(String.format("  %s %-8s %-8s %-11s %,10d records %8.1f s  finished %s%n", rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6) / 1000.0, rs.getString(7)));
                    }
                }
            }
            status.append("tables:\n");
            for (String table : tables) {
                status.append(String.format("  %-34s %,12d rows%n", table, count(sql, table)));
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
    private String manifestsWithoutTables() {
        Path manifests = dir.resolve(Archive.MANIFESTS);
        if (!Files.isDirectory(manifests)) {
            return "";
        }
        StringBuilder runs = new StringBuilder("runs (newest first):\n");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try (Stream<Path> folders = Files.list(manifests)) {
            for (Path folder : folders.sorted(Comparator.reverseOrder()).limit(10).toList()) {
                com.fasterxml.jackson.databind.JsonNode run = json.readTree(folder.resolve("manifest.json").toFile());
                runs.append(String.format("  %s %-8s %-8s %-11s %,10d records%n", run.path("run_id").asText(), run.path("status").asText(),
                        run.path("time_range").asText(), run.path("sources").asText(), run.path("records").asLong()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runs.toString();
    }

    @Override
    public synchronized String purge() {
        int removed = 0;
        for (String part : List.of(Archive.RAW, Archive.MANIFESTS, Archive.STATE, DATABASE, DATABASE + ".wal", ".reference")) {
            removed += deleteTree(dir.resolve(part));
        }
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
                String table = RawTables.name(parts[0], parts[1]);
                java.util.Set<String> crawled = new java.util.HashSet<>();
                try (ResultSet rs = sql.executeQuery("SELECT column_name FROM tw_crawled_columns WHERE table_name = " + quoteString(table))) {
                    while (rs.next()) {
                        crawled.add(rs.getString(1));
                    }
                }
                String files = dir.resolve(Archive.RAW).resolve(parts[0]).resolve(parts[1]) + "/load_date=" + run.loadDate()
                        + "/run_id=" + run.id() + "/*.json.gz";
                try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM read_json('" + files + "', format='newline_delimited', union_by_name=true)")) {
                    while (rs.next()) {
                        // new names only: one run's sample can type a nested field more narrowly than the crawl did
                        if (!crawled.contains(rs.getString("column_name"))) {
                            return true;
                        }
                    }
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
    public Optional<byte[]> readState(String name) {
        Path file = dir.resolve(Archive.STATE).resolve(name);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void writeState(String name, byte[] content) {
        Path file = dir.resolve(Archive.STATE).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
            Files.write(temp, content);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void deleteState(String name) {
        try {
            Files.deleteIfExists(dir.resolve(Archive.STATE).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    public synchronized BigDecimal scalar(String statement) {
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
