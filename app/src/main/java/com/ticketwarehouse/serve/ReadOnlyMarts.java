package com.ticketwarehouse.serve;

import com.ticketwarehouse.archive.Failures;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.LakeException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The local lake's tables, read-only, one connection per request. Nothing is held open between
 * requests, so a transform (./tw transform, or the scheduled runner) can take the database for
 * writing whenever no request is being answered; while one writes, a request gets a 503.
 */
public final class ReadOnlyMarts {
    public static final String DATABASE = "warehouse.duckdb";

    private final Path database;

    public ReadOnlyMarts(Path lakeDir) {
        this.database = lakeDir.toAbsolutePath().normalize().resolve(DATABASE);
    }

    /** Loads DuckDB's native library now, with a database in memory, so that the first page does not wait for it. */
    public void warmUp() {
        try (Connection memory = DriverManager.getConnection("jdbc:duckdb:")) {
            memory.isValid(1);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB does not start: " + e.getMessage(), e);
        }
    }

    /** Changes whenever the database file does (a transform): what was checked against the old one is checked again. */
    public String version() {
        try {
            return Files.getLastModifiedTime(database) + "/" + Files.size(database);
        } catch (java.io.IOException e) {
            return "none";
        }
    }

    public interface Work<T> {
        T run(Connection db) throws Exception;
    }

    public <T> T read(Work<T> work) {
        if (!Files.exists(database)) {
            throw DashboardRequestException.unavailable(
                    "the lake has no tables yet at " + database.getParent() + ": run './tw demo', or load, crawl and transform");
        }
        Connection db;
        try {
            // no wait for a writer: the page says to try again
            db = DuckDbLake.readOnly(database.getParent(), 0);
        } catch (SQLException e) {
            throw DashboardRequestException.unavailable(
                    "the lake is being written (a load's crawl or a transform): try again in a moment (" + Failures.firstLine(e.getMessage()) + ")");
        }
        try (db) {
            return work.run(db);
        } catch (SQLException e) {
            throw new LakeException("dashboard query failed: " + Failures.firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every table of the lake with its column names. */
    public static Map<String, Set<String>> columns(Connection db) throws SQLException {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        try (Statement sql = db.createStatement(); ResultSet rs = sql.executeQuery(
                "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' ORDER BY table_name, column_index")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString(1), t -> new LinkedHashSet<>()).add(rs.getString(2));
            }
        }
        return tables;
    }
}
