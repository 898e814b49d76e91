package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The incremental transform, the same on every engine: which complete runs are new since the last
 * refresh (from the manifests and the refresh's state file), and what each model does with them.
 * The typed models are views of the runs read now; staging tables take their newest versions by
 * MERGE (the newest fetched version wins, so a run read twice, or a run that completes after a
 * newer one, changes nothing it should not); the rest is made anew from staging. A full refresh
 * reads every complete run into tables made anew.
 */
public final class Refresh {
    /** The state file: the models the tables were made with, and the runs already read. */
    public static final String STATE = "refresh.json";
    /**
     * How far back runs are looked at again: a run counts as settled (read, or ended without
     * completing) only once it began this long ago, so that a run whose first manifest is not
     * written yet is not passed over.
     */
    static final Duration SETTLING = Duration.ofHours(1);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a refresh asks of the engine that runs the models. */
    public interface Engine {
        /** Makes refresh_runs hold these runs, and the raw tables show their records (all runs' records when {@code all}). */
        void readRuns(List<String> runs, boolean all);

        boolean exists(String table);

        List<String> columns(String table);

        void view(String name, String select);

        /** Makes the table anew from the SELECT. */
        void replace(String table, String select);

        void execute(String statement);

        /** How many rows a table holds, or -1 where counting would cost a query. */
        long rows(String table);
    }

    /**
     * The runs to read and what the state will say once they are read.
     *
     * @param full whether every table is made anew from every complete run
     */
    public record Plan(List<String> runs, boolean full, String why, byte[] stateAfter) {
        public boolean nothingNew() {
            return runs.isEmpty() && !full;
        }
    }

    private Refresh() {
    }

    /**
     * Finds the complete runs not read yet. A full refresh when asked, when there is no state yet,
     * when the models changed since the tables were made, or when a merged table is missing.
     */
    public static Plan plan(LakeFiles files, List<SqlModel> models, boolean asked, java.util.function.Predicate<String> tableExists) {
        String fingerprint = fingerprint(models);
        JsonNode state = files.readState(STATE).map(Refresh::json).orElse(null);
        String why = asked ? "asked for"
                : state == null ? "no refresh before"
                : !fingerprint.equals(state.path("models").asText()) ? "the models changed"
                : models.stream().anyMatch(m -> !m.mergeKeys().isEmpty() && !tableExists.test(m.name())) ? "a merged table is missing"
                : null;
        String settledBefore = why == null ? state.path("settled_before").asText("") : "";
        Set<String> read = new TreeSet<>();
        if (why == null) {
            state.path("read").forEach(run -> read.add(run.asText()));
        }
        Instant now = Instant.now();
        Set<String> complete = new TreeSet<>(), replaced = new TreeSet<>();
        String unsettled = RUN_ID_TIME.format(now.minus(SETTLING));
        for (String key : files.manifestKeys(settledBefore)) {
            String run = RunLiveness.runIdOf(key);
            if (run == null || read.contains(run)) {
                continue;
            }
            JsonNode manifest = files.manifest(run);
            String status = manifest == null ? LoadRun.RUNNING : RunLiveness.status(manifest, now);
            if (LoadRun.COMPLETE.equals(status)) {
                complete.add(run);
                manifest.path("replaces").forEach(r -> replaced.add(r.asText()));
            } else if (LoadRun.RUNNING.equals(status) && run.compareTo(unsettled) < 0) {
                unsettled = run;
            }
        }
        complete.removeAll(replaced);
        boolean full = why != null;
        read.addAll(complete);
        read.addAll(replaced);
        String settled = unsettled;
        ObjectNode after = JSON.createObjectNode();
        after.put("models", fingerprint);
        after.put("settled_before", settled);
        read.stream().filter(run -> run.compareTo(settled) >= 0).forEach(after.withArray("read")::add);
        try {
            return new Plan(List.copyOf(complete), full, why, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(after));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs each model as the plan says; returns a line per model. */
    public static String run(Plan plan, List<SqlModel> models, Engine engine) {
        StringBuilder report = new StringBuilder(plan.full() ? "full refresh (" + plan.why() + "): " : "refresh: ")
                .append(plan.runs().size()).append(plan.runs().size() == 1 ? " run" : " runs").append(" read\n");
        engine.readRuns(plan.runs(), plan.full());
        for (SqlModel model : models) {
            long started = System.nanoTime();
            String done;
            try {
                if (model.batch()) {
                    engine.view(model.name(), model.select());
                    done = "view";
                } else if (!model.mergeKeys().isEmpty() && !plan.full()) {
                    engine.execute(merge(model, engine.columns(model.name())));
                    done = "merged";
                } else {
                    engine.replace(model.name(), model.select());
                    done = "rebuilt";
                }
            } catch (LakeException e) {
                throw ModelFailures.of(model, e.getMessage(), " (nothing was changed)");
            }
            long rows = model.batch() ? -1 : engine.rows(model.name());
            report.append(String.format("%-32s %-8s%s %8d ms%n", model.name(), done, rows < 0 ? " ".repeat(17) : String.format("%,12d rows", rows),
                    (System.nanoTime() - started) / 1_000_000));
        }
        return report.toString();
    }

    /**
     * The model's new rows merged into its table by its keys: a row with new keys is added, and one
     * with known keys replaces the table's only if it is a newer version (newer_version).
     */
    static String merge(SqlModel model, List<String> columns) {
        List<String> keys = model.mergeKeys();
        List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
        StringBuilder merge = new StringBuilder("MERGE INTO ").append(model.name()).append(" t USING (\n").append(model.select()).append("\n) s ON ")
                .append(keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND ")));
        if (!values.isEmpty()) {
            merge.append("\nWHEN MATCHED AND newer_version(s, t) THEN UPDATE SET ")
                    .append(values.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", ")));
        }
        merge.append("\nWHEN NOT MATCHED THEN INSERT (").append(String.join(", ", columns)).append(") VALUES (")
                .append(columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "))).append(")");
        return SqlMacros.expand(merge.toString());
    }

    /** What the tables were made with: the models and the macros they use. */
    static String fingerprint(List<SqlModel> models) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (SqlModel model : models) {
                sha.update((model.file() + "\n" + model.select() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException unreadable) {
            // an unreadable state is no state: the next refresh is full
            return null;
        }
    }
}
