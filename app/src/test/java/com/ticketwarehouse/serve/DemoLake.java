package com.ticketwarehouse.serve;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.GroundTruth;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A lake as {@code ./tw demo} makes it (the simulators at the demo's seed and scale, load, crawl,
 * transform), built once per test run under target/ and shared by the dashboard tests, with the
 * simulators' ground truth and read-only queries of its own to check the pages against.
 */
public final class DemoLake {
    static final long SEED = 42;
    static final Scale SCALE = Scale.named("small");
    private static DemoLake built;

    final Path dir;
    final GroundTruth truth;

    private DemoLake(Path dir, GroundTruth truth) {
        this.dir = dir;
        this.truth = truth;
    }

    public static synchronized DemoLake get() {
        if (built == null) {
            Path dir = Path.of("target", "dashboard-demo-lake").toAbsolutePath();
            deleteTree(dir);
            try (Simulators simulators = Simulators.start(SEED, SCALE, FaultPlan.none(), Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, 0);
                 Pipeline pipeline = Pipeline.start(EndToEndTest.settings(simulators, dir))) {
                LoadRun run = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
                if (!LoadRun.COMPLETE.equals(run.status())) {
                    throw new IllegalStateException("the demo load failed: " + run.error());
                }
                pipeline.call("crawl", null, Map.of(), String.class);
                pipeline.call("transform", null, Map.of(), String.class);
                built = new DemoLake(dir, simulators.groundTruth());
            }
        }
        return built;
    }

    /** One number, read-only, by SQL written in the test (not the dashboards' own query builder). */
    BigDecimal number(String sql, Object... params) {
        try (Connection db = DuckDbLake.readOnly(dir, 0);
             PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                Object value = rs.getObject(1);
                return value == null ? null : new BigDecimal(value.toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A mart's columns and their DuckDB types, in order. */
    public Map<String, String> columnTypes(String mart) {
        Map<String, String> columns = new java.util.LinkedHashMap<>();
        try (Connection db = DuckDbLake.readOnly(dir, 0);
             PreparedStatement statement = db.prepareStatement(
                     "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, mart);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return columns;
    }

    String text(String sql) {
        try (Connection db = DuckDbLake.readOnly(dir, 0);
             ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
