package com.ticketwarehouse.emulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One query execution of the Athena stand-in: the statement run on Trino in the query's catalog and
 * database, its state as Athena reports it (QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED), its
 * result (rows, written as Athena's CSV to the output location), the bytes Trino read
 * ({@code physicalInputBytes}: what Athena bills as DataScannedInBytes), and a failure in Athena's
 * shape: a StateChangeReason of Trino's error name and message, and an AthenaError.
 */
final class AthenaQuery {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRINO_PREFIX = Pattern.compile("^Query failed \\(#([^)]+)\\): ", Pattern.DOTALL);
    static final String SCAN_LIMIT = "EXCEEDED_SCAN_LIMIT";
    /** Athena's vacuum_max_snapshot_age_seconds of a table that sets none: 5 days. */
    static final long SNAPSHOT_AGE_SECONDS = 432_000;

    record Column(String name, String type, int precision, int scale) {
    }

    final String id;
    final String sql;
    final String database;
    final String catalog;
    final String workGroup;
    final String outputLocation;
    /** The workgroup's BytesScannedCutoffPerQuery, or null. */
    final Long cutoff;
    final Instant submitted = Instant.now();
    private volatile String state = "QUEUED";
    private volatile Instant completed;
    private volatile String reason;
    private volatile int errorCategory, errorType;
    private volatile long bytes, engineMillis;
    private volatile TrinoStatement running;
    private volatile boolean cancelled;
    private List<Column> columns = List.of();
    private List<List<String>> rows = List.of();
    private long updateCount = -1;

    AthenaQuery(String id, String sql, String database, String catalog, String workGroup, String outputLocation, Long cutoff) {
        this.id = id;
        this.sql = sql;
        this.database = database;
        this.catalog = catalog;
        this.workGroup = workGroup;
        this.outputLocation = outputLocation;
        this.cutoff = cutoff;
    }

    String state() {
        return state;
    }

    synchronized List<Column> columns() {
        return columns;
    }

    synchronized List<List<String>> rows() {
        return rows;
    }

    synchronized long updateCount() {
        return updateCount;
    }

    /** Runs the statement to its end on Trino. */
    void run(TrinoServer trino, S3Client s3) {
        if (cancelled) {
            return;
        }
        state = "RUNNING";
        AthenaStatements.Statement statement = AthenaStatements.forTrino(sql, catalog);
        String queryId = null;
        long started = System.nanoTime();
        try (Connection db = trino.connect(statement.catalog(), database == null || database.isBlank() ? "default" : database);
             TrinoStatement sql = db.createStatement().unwrap(TrinoStatement.class)) {
            if (cutoff != null) {
                // Trino's own check of physical input bytes, which stops the query where Athena would cancel it
                sql.execute("SET SESSION query_max_scan_physical_bytes = '" + cutoff + "B'");
            }
            QueryStats[] last = new QueryStats[1];
            sql.setProgressMonitor(stats -> {
                last[0] = stats;
                bytes = Math.max(bytes, stats.getPhysicalInputBytes());
                if (cancelled) {
                    // a stop that came after the check below and before Trino had the query found nothing to cancel
                    cancelQuietly(sql);
                }
            });
            running = sql;
            try {
                if (cancelled) {
                    // stopped while it was being set up: never sent
                    throw new SQLException("stopped before it was sent to Trino");
                }
                if (statement.vacuumed() != null) {
                    vacuum(sql, statement.vacuumed());
                } else if (sql.execute(statement.sql())) {
                    read(sql.getResultSet());
                } else {
                    synchronized (this) {
                        updateCount = sql.getLargeUpdateCount();
                    }
                }
            } finally {
                queryId = last[0] == null ? null : last[0].getQueryId();
                running = null;
            }
            if (cutoff != null && bytes > cutoff) {
                // finished before Trino's periodic check saw it: Athena would not have let it finish
                end("CANCELLED", scanLimitReason(), 2, 1000);
                return;
            }
            if (!columns().isEmpty()) {
                s3.putObject(r -> r.bucket(S3Location.bucket(outputLocation)).key(resultKey()).contentType("text/csv"),
                        RequestBody.fromString(csv(), StandardCharsets.UTF_8));
            }
            end("SUCCEEDED", null, 0, 0);
        } catch (SQLException e) {
            failed(trino, e, queryId);
        } catch (RuntimeException e) {
            end("FAILED", "INTERNAL_ERROR: " + e, 1, 200);
        } finally {
            engineMillis = (System.nanoTime() - started) / 1_000_000;
        }
    }

    /**
     * Athena's VACUUM of an Iceberg table: the snapshots older than its {@code vacuum_max_snapshot_age_seconds}
     * (Athena's default when not set: {@value #SNAPSHOT_AGE_SECONDS}) expired, then the files no snapshot holds
     * that are as old removed.
     */
    private static void vacuum(TrinoStatement sql, String table) throws SQLException {
        long age = SNAPSHOT_AGE_SECONDS;
        int dot = table.lastIndexOf('.');
        String properties = (dot < 0 ? "" : table.substring(0, dot + 1)) + "\"" + table.substring(dot + 1).replace("\"", "") + "$properties\"";
        try (ResultSet set = sql.executeQuery("SELECT value FROM " + properties + " WHERE key = 'vacuum_max_snapshot_age_seconds'")) {
            if (set.next()) {
                age = Long.parseLong(set.getString(1).trim());
            }
        }
        sql.execute("ALTER TABLE " + table + " EXECUTE expire_snapshots(retention_threshold => '" + age + "s')");
        sql.execute("ALTER TABLE " + table + " EXECUTE remove_orphan_files(retention_threshold => '" + age + "s')");
    }

    private void read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<Column> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String type = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
            names.add(new Column(meta.getColumnLabel(i), type.replaceFirst("\\(.*", ""), meta.getPrecision(i), meta.getScale(i)));
        }
        List<List<String>> values = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>(names.size());
            for (int i = 1; i <= names.size(); i++) {
                row.add(rs.getString(i));
            }
            values.add(row);
        }
        synchronized (this) {
            columns = List.copyOf(names);
            rows = values;
        }
    }

    /** Where Athena puts a query's result: {@code <output location>/<query id>.csv}. */
    String resultKey() {
        String prefix = S3Location.key(outputLocation);
        return (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + id + ".csv";
    }

    String resultLocation() {
        return "s3://" + S3Location.bucket(outputLocation) + "/" + resultKey();
    }

    /** Athena's result CSV: a header, every value in double quotes ("" inside), a null as nothing. */
    synchronized String csv() {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", columns.stream().map(c -> quote(c.name())).toList())).append('\n');
        for (List<String> row : rows) {
            csv.append(String.join(",", row.stream().map(v -> v == null ? "" : quote(v)).toList())).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** Trino's error name and type, from its own record of the query; Athena's reason is "NAME: message". */
    private void failed(TrinoServer trino, SQLException e, String statsQueryId) {
        String message = String.valueOf(e.getMessage());
        Matcher prefix = TRINO_PREFIX.matcher(message);
        String queryId = statsQueryId;
        if (prefix.find()) {
            queryId = prefix.group(1);
            message = message.substring(prefix.end());
        }
        if (cancelled) {
            end("CANCELLED", "Query cancelled by user", 2, 1000);
            return;
        }
        String name = "GENERIC_INTERNAL_ERROR", type = "INTERNAL_ERROR";
        if (queryId != null) {
            try (Connection db = trino.connect("system", "runtime");
                 PreparedStatement error = db.prepareStatement("SELECT error_code, error_type FROM system.runtime.queries WHERE query_id = ?")) {
                error.setString(1, queryId);
                try (ResultSet rs = error.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null) {
                        name = rs.getString(1);
                        type = rs.getString(2);
                    }
                }
            } catch (SQLException unknown) {
                // the message alone then
            }
        }
        if (SCAN_LIMIT.equals(name)) {
            end("CANCELLED", scanLimitReason(), 2, 1000);
            return;
        }
        int category = switch (type) {
            case "USER_ERROR" -> 2;
            case "EXTERNAL" -> 3;
            default -> 1;
        };
        int athenaType = category == 2 ? (name.contains("BAD_DATA") || name.contains("INVALID_CAST") ? 1001 : 1000) : 200;
        end("FAILED", name + ": " + message, category, athenaType);
    }

    private String scanLimitReason() {
        return "Query cancelled! : Bytes scanned limit was exceeded: the query read " + bytes + " bytes, over the workgroup "
                + workGroup + "'s BytesScannedCutoffPerQuery of " + cutoff + " bytes";
    }

    private void end(String finalState, String why, int category, int type) {
        reason = why;
        errorCategory = category;
        errorType = type;
        completed = Instant.now();
        state = finalState;
    }

    /** StopQueryExecution: Trino cancels the query, if it still runs. */
    void cancel() {
        cancelled = true;
        TrinoStatement statement = running;
        if (statement != null) {
            cancelQuietly(statement);
        }
        if ("QUEUED".equals(state)) {
            end("CANCELLED", "Query cancelled by user", 2, 1000);
        }
    }

    private static void cancelQuietly(TrinoStatement statement) {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // it ended meanwhile
        }
    }

    /** GetQueryExecution's QueryExecution. */
    ObjectNode toJson() {
        ObjectNode execution = JSON.createObjectNode();
        execution.put("QueryExecutionId", id);
        execution.put("Query", sql);
        execution.put("StatementType", AthenaStatements.type(sql));
        execution.putObject("ResultConfiguration").put("OutputLocation", resultLocation());
        ObjectNode context = execution.putObject("QueryExecutionContext");
        if (database != null) {
            context.put("Database", database);
        }
        context.put("Catalog", catalog == null ? "AwsDataCatalog" : catalog);
        ObjectNode status = execution.putObject("Status");
        String now = state;
        status.put("State", now);
        status.put("SubmissionDateTime", seconds(submitted));
        Instant end = completed;
        if (end != null) {
            status.put("CompletionDateTime", seconds(end));
        }
        if (reason != null) {
            status.put("StateChangeReason", reason);
            ObjectNode error = status.putObject("AthenaError");
            error.put("ErrorCategory", errorCategory);
            error.put("ErrorType", errorType);
            error.put("Retryable", false);
            error.put("ErrorMessage", reason);
        }
        ObjectNode statistics = execution.putObject("Statistics");
        statistics.put("DataScannedInBytes", bytes);
        statistics.put("EngineExecutionTimeInMillis", engineMillis);
        statistics.put("TotalExecutionTimeInMillis", ((end == null ? Instant.now() : end).toEpochMilli() - submitted.toEpochMilli()));
        execution.put("WorkGroup", workGroup);
        execution.putObject("EngineVersion").put("SelectedEngineVersion", "AUTO").put("EffectiveEngineVersion", "Athena engine version 3");
        return execution;
    }

    /** JSON 1.1 timestamps: seconds since the epoch, with milliseconds. */
    static BigDecimal seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /** The parts of an s3:// URL. */
    static final class S3Location {
        private S3Location() {
        }

        static String bucket(String url) {
            String path = url.replaceFirst("^s3://", "");
            int slash = path.indexOf('/');
            return slash < 0 ? path : path.substring(0, slash);
        }

        static String key(String url) {
            String path = url.replaceFirst("^s3://", "");
            int slash = path.indexOf('/');
            return slash < 0 ? "" : path.substring(slash + 1);
        }
    }
}
