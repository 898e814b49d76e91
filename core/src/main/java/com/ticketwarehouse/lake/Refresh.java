package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.extract.Entities;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The incremental transform, the same on every engine: which complete runs are new since the last
 * refresh (from the manifests and the refresh's state file), and what each model does with them.
 * The typed models hold the rows of the runs read now; staging tables take their newest versions by
 * MERGE (the newest fetched version wins, so a run read twice, or a run that completes after a
 * newer one, changes nothing it should not); a table refreshed by a key has the rows of the key
 * values that changed in its inputs made again; any other table is made anew when an input changed.
 * A table none of whose inputs changed is left as it is. A full refresh reads every complete run
 * into tables made anew.
 */
public final class Refresh {
    /** The state file: the models the tables were made with, and the runs already read. */
    public static final String STATE = "refresh.json";
    /** Set in the state while a refresh runs on an engine without a transaction: the refresh that finds it is full. */
    static final String UNFINISHED = "unfinished";
    /**
     * How far back runs are looked at again: a run counts as settled (read, or ended without
     * completing) only once it began this long ago, so that a run whose first manifest is not
     * written yet is not passed over.
     */
    static final Duration SETTLING = Duration.ofHours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a refresh asks of the engine that runs the models. */
    public interface Engine {
        /** Makes refresh_runs hold these runs, and the raw tables show their records (all runs' records when {@code all}). */
        void readRuns(List<String> runs, boolean all);

        List<String> columns(String table);

        /** The rows of a batch model, for this refresh only. */
        void batch(String name, String select);

        /** A table for this refresh only (the new rows of a model, what changed in it). */
        void temporary(String name, String select);

        /** Makes the table anew from the SELECT. */
        void replace(String table, String select);

        void execute(String statement);

        /** Until {@link #widen}, the models see only the table's rows whose {@code key} is one of the values in the table {@code values}. */
        void narrow(String table, String key, String values);

        void widen(String table);

        /** How many rows a table holds, or -1 where counting would cost a query. */
        long rows(String table);

        /**
         * Merges the rows of {@code source} into the model's table by its keys, as {@link Refresh#merge} says. An engine
         * that {@link #updatesByKey} also keeps, in changed_&lt;model&gt;, the columns {@code kept} of the rows a newer
         * version replaces or adds, old and new (the tables after it are updated for those), and for each model
         * refreshed by a key that reads the table ({@code readers}: its name, and the condition on the table's row
         * {@code t} and the newer version {@code s} that a replacement touches its rows) a column {@link #touches}:
         * whether the row is new, or the condition holds.
         */
        default void merge(SqlModel model, String source, List<String> columns, List<String> kept, Map<String, String> readers) {
            execute(Refresh.merge(model, source, columns));
        }

        /**
         * Whether a table refreshed by a key has only the rows of the key values that changed made again,
         * or is made anew from its inputs when they changed: where a statement costs more than the rows
         * it reads (the five statements of an update by key against one), anew.
         */
        default boolean updatesByKey() {
            return true;
        }

        /**
         * Whether a view model is a view (read from its input whenever it is queried, never refreshed) or a
         * table made anew when its input changed: a view where reading one costs what reading the table would
         * (on DuckDB, a scan of the staging table; on Athena, a scan billed at every query of a dashboard).
         */
        default boolean keepsViews() {
            return false;
        }

        /** Makes the model's view of its SELECT, where the engine {@link #keepsViews}. */
        default void view(String name, String select) {
            throw new UnsupportedOperationException("views are made as tables here");
        }

        /** What a failed model leaves, said after the failure. */
        default String afterFailure() {
            return " (nothing was changed)";
        }

    }

    /**
     * The runs to read and what the state will say once they are read.
     *
     * @param full  whether every table is made anew from every complete run
     * @param empty    the complete runs new since the last refresh that archived nothing: noted as read, read by no model
     * @param archived the raw entities ({@code source/entity}) the runs to read archived records of: a model that reads
     *                 none of them is left as it is
     */
    public record Plan(List<String> runs, boolean full, String why, byte[] stateAfter, List<String> empty, Set<String> archived) {
        public boolean nothingNew() {
            return runs.isEmpty() && !full;
        }

        /**
         * What the state says while the tables change on an engine without a transaction: a refresh
         * that finds it knows this one did not finish (some tables were refreshed and some not, and
         * what changed in them is lost), so it makes every table anew.
         */
        public byte[] stateWhileRunning() {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(((ObjectNode) JSON.readTree(stateAfter)).put(UNFINISHED, true));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The end of a refresh that found no complete run to read: the runs that archived nothing are
     * noted as read (the state written, no engine asked); the report says so.
     */
    public static String nothingToDo(Plan plan, LakeFiles files, long startedNanos) {
        if (!plan.empty().isEmpty()) {
            files.writeState(STATE, plan.stateAfter());
        }
        return "refresh: " + (plan.empty().isEmpty() ? "no complete run since the last refresh"
                : plan.empty().size() + (plan.empty().size() == 1 ? " run" : " runs") + " since the last refresh archived nothing new")
                + "; nothing to do (" + millisSince(startedNanos) + " ms)\n";
    }

    /** The report's last line: how long the refresh took, from its start to its tables and state written (BENCHMARKS.md's measure). */
    public static String done(long startedNanos) {
        return "refresh: done in " + millisSince(startedNanos) + " ms\n";
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private Refresh() {
    }

    /**
     * Finds the complete runs not read yet. A full refresh when asked, when there is no state yet,
     * when the models changed since the tables were made, or, when there is something to read, when
     * a merged table is missing (a refresh with nothing new asks the engine nothing).
     */
    public static Plan plan(LakeFiles files, List<SqlModel> models, boolean asked, Supplier<Set<String>> tables) {
        return plan(files, models, asked, tables, Instant.now());
    }

    /** @param now the lake's now, which runs began an hour before to count as settled (the pipeline's clock) */
    public static Plan plan(LakeFiles files, List<SqlModel> models, boolean asked, Supplier<Set<String>> tables, Instant now) {
        String fingerprint = fingerprint(models);
        JsonNode state = files.readState(STATE).map(Refresh::json).orElse(null);
        String why = asked ? "asked for"
                : state == null ? "no refresh before"
                : !fingerprint.equals(state.path("models").asText()) ? "the models changed"
                : state.path(UNFINISHED).asBoolean() ? "the last refresh did not finish"
                : null;
        if (why == null) {
            Plan incremental = plan(files, fingerprint, null, state, now);
            if (incremental.nothingNew() || tables.get().containsAll(models.stream().filter(m -> !m.mergeKeys().isEmpty()).map(SqlModel::name).toList())) {
                return incremental;
            }
            why = "a merged table is missing";
        }
        return plan(files, fingerprint, why, null, now);
    }

    /** The complete runs after those the state says were read (every complete run without a state). */
    private static Plan plan(LakeFiles files, String fingerprint, String fullBecause, JsonNode state, Instant now) {
        String settledBefore = state == null ? "" : state.path("settled_before").asText("");
        Set<String> read = new TreeSet<>();
        if (state != null) {
            state.path("read").forEach(run -> read.add(run.asText()));
        }
        Set<String> complete = new TreeSet<>(), replaced = new TreeSet<>(), empty = new TreeSet<>(), archived = new TreeSet<>();
        String unsettled = LoadRun.ID_TIME.format(now.minus(SETTLING));
        for (String key : files.manifestKeys(settledBefore)) {
            String run = RunLiveness.runIdOf(key);
            if (run == null || read.contains(run)) {
                continue;
            }
            JsonNode manifest = files.manifest(run);
            String status = manifest == null ? LoadRun.RUNNING : RunLiveness.status(manifest, now);
            if (LoadRun.COMPLETE.equals(status)) {
                // an unchanged sync archives no record: there is nothing of it to read
                (manifest.path("records").asLong(-1) == 0 ? empty : complete).add(run);
                if (!manifest.has("entities")) {
                    // a manifest that does not say what it archived may hold any of it
                    archived.addAll(Entities.ALL);
                }
                manifest.path("entities").fields().forEachRemaining(entity -> {
                    if (entity.getValue().path("records").asLong(-1) != 0) {
                        archived.add(entity.getKey());
                    }
                });
                manifest.path("replaces").forEach(r -> replaced.add(r.asText()));
            } else if (LoadRun.RUNNING.equals(status) && run.compareTo(unsettled) < 0) {
                unsettled = run;
            }
        }
        complete.removeAll(replaced);
        empty.removeAll(replaced);
        read.addAll(complete);
        read.addAll(replaced);
        read.addAll(empty);
        String settled = unsettled;
        ObjectNode after = JSON.createObjectNode();
        after.put("models", fingerprint);
        after.put("settled_before", settled);
        read.stream().filter(run -> run.compareTo(settled) >= 0).forEach(after.withArray("read")::add);
        try {
            return new Plan(List.copyOf(complete), fullBecause != null, fullBecause, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(after),
                    List.copyOf(empty), fullBecause != null ? Set.copyOf(Entities.ALL) : Set.copyOf(archived));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a model's table went through in this refresh, for the models that read it. */
    enum Change {
        /** Nothing in it changed. */
        NONE,
        /** Some rows changed: which ones, before and after, are in changed_&lt;model&gt; where the engine updates by key. */
        ROWS,
        /** It was made anew: any row may have changed. */
        ALL
    }

    /** Runs each model as the plan says; returns a line per model. */
    public static String run(Plan plan, List<SqlModel> models, Engine engine) {
        StringBuilder report = new StringBuilder(plan.full() ? "full refresh (" + plan.why() + "): " : "refresh: ")
                .append(plan.runs().size()).append(plan.runs().size() == 1 ? " run" : " runs").append(" read\n");
        engine.readRuns(plan.runs(), plan.full());
        Map<String, Set<String>> entitiesRead = SqlModels.entitiesRead(models);
        Map<String, Change> changes = new LinkedHashMap<>();
        for (SqlModel model : models) {
            long started = System.nanoTime();
            // no new run archived a record it reads: its rows are none (a batch, still made for the models that read it
            // with others), or those it had (no statement for it, where a statement is billed)
            boolean untouched = entitiesRead.get(model.name()).stream().noneMatch(plan.archived()::contains);
            boolean view = model.view() && engine.keepsViews();
            Change change;
            try {
                change = model.batch() ? batch(model, engine, untouched) : view ? view(model, models, changes, plan, engine)
                        : plan.full() ? replace(model, engine) : untouched ? Change.NONE : refresh(model, models, changes, engine);
            } catch (LakeException e) {
                throw ModelFailures.of(model, e.getMessage(), engine.afterFailure());
            }
            changes.put(model.name(), change);
            String done = model.batch() ? "batch" : view ? "view" : switch (change) {
                case NONE -> "unchanged";
                case ROWS -> model.refreshKey().isEmpty() ? "merged" : "by " + model.refreshKey();
                case ALL -> "rebuilt";
            };
            long rows = model.batch() || view ? -1 : engine.rows(model.name());
            report.append(String.format("%-32s %-16s%s %8d ms%n", model.name(), done, rows < 0 ? " ".repeat(17) : String.format("%,12d rows", rows),
                    (System.nanoTime() - started) / 1_000_000));
        }
        return report.toString();
    }

    private static Change batch(SqlModel model, Engine engine, boolean untouched) {
        engine.batch(model.name(), model.select());
        return untouched ? Change.NONE : Change.ALL;
    }

    /** A view is made by a full refresh only: it shows its inputs' rows as they are. */
    private static Change view(SqlModel model, List<SqlModel> models, Map<String, Change> changes, Plan plan, Engine engine) {
        if (plan.full()) {
            engine.view(model.name(), model.select());
            return Change.ALL;
        }
        return changedInputs(inputs(model, models), changes).isEmpty() ? Change.NONE : Change.ALL;
    }

    private static Change replace(SqlModel model, Engine engine) {
        engine.replace(model.name(), model.select());
        return Change.ALL;
    }

    /** An incremental refresh of one model's table, from what changed in the tables it reads. */
    private static Change refresh(SqlModel model, List<SqlModel> models, Map<String, Change> changes, Engine engine) {
        if (!model.mergeKeys().isEmpty()) {
            return merge(model, models, engine);
        }
        List<String> inputs = inputs(model, models);
        List<String> changed = changedInputs(inputs, changes);
        if (changed.isEmpty()) {
            return Change.NONE;
        }
        String key = model.refreshKey();
        if (key.isEmpty() || !engine.updatesByKey() || changed.stream().anyMatch(i -> changes.get(i) != Change.ROWS)) {
            return replace(model, engine);
        }
        List<String> keyValues = new ArrayList<>();
        for (String input : changed) {
            String values = keyValues(model, input, inputs, models, engine);
            if (values == null) {
                return replace(model, engine);
            }
            keyValues.add(values);
        }
        String affected = "SELECT " + key + " FROM affected_" + model.name();
        engine.temporary("affected_" + model.name(), "SELECT DISTINCT " + key + " FROM (" + String.join(" UNION ALL ", keyValues) + ") k");
        if (engine.rows("affected_" + model.name()) == 0) {
            // the inputs' rows that changed hold other values only in columns the model does not read
            return Change.NONE;
        }
        // the model's rows of those key values, made from its inputs' rows of the same values only
        List<String> narrowed = inputs.stream().filter(i -> engine.columns(i).contains(key)).toList();
        narrowed.forEach(i -> engine.narrow(i, key, "affected_" + model.name()));
        String rows = "SELECT * FROM (\n" + model.select() + "\n) m WHERE m." + key + " IN (" + affected + ")";
        if (models.stream().noneMatch(m -> m != model && !m.refreshKey().isEmpty() && SqlModels.mentions(m.select(), model.name()))) {
            // no model refreshed by a key reads the table: which of its rows changed is not asked (one made anew is, whatever changed)
            engine.execute("DELETE FROM " + model.name() + " WHERE " + key + " IN (" + affected + ")");
            engine.execute("INSERT INTO " + model.name() + " " + rows);
            narrowed.forEach(engine::widen);
            return Change.ROWS;
        }
        String fresh = "fresh_" + model.name(), before = "before_" + model.name(), differing = "differing_" + model.name();
        engine.temporary(fresh, rows);
        narrowed.forEach(engine::widen);
        engine.narrow(model.name(), key, "affected_" + model.name());
        engine.temporary(before, "SELECT * FROM " + model.name());
        engine.widen(model.name());
        // the key values whose rows differ, row for row (a row as often before as now is the same): most of what a
        // sync touches makes the same rows again (an order's new payment time, its tickets), and the models that read
        // the table are refreshed for what really changed
        String columns = String.join(", ", engine.columns(model.name()));
        engine.temporary(differing, "SELECT DISTINCT " + key + " FROM (SELECT " + columns + ", 1 AS side FROM " + before + " UNION ALL SELECT "
                + columns + ", -1 AS side FROM " + fresh + ") d GROUP BY " + columns + " HAVING sum(side) <> 0");
        if (engine.rows(differing) == 0) {
            return Change.NONE;
        }
        String differs = " WHERE " + key + " IN (SELECT " + key + " FROM " + differing + ")";
        String kept = String.join(", ", keptColumns(models, engine.columns(model.name())));
        engine.temporary(changedTable(model), "SELECT " + kept + " FROM " + before + differs + " UNION ALL SELECT " + kept + " FROM " + fresh + differs);
        engine.execute("DELETE FROM " + model.name() + differs);
        engine.execute("INSERT INTO " + model.name() + " SELECT * FROM " + fresh + differs);
        return Change.ROWS;
    }

    /** The models a model reads. */
    private static List<String> inputs(SqlModel model, List<SqlModel> models) {
        return models.stream().filter(m -> m != model && SqlModels.mentions(model.select(), m.name())).map(SqlModel::name).toList();
    }

    private static List<String> changedInputs(List<String> inputs, Map<String, Change> changes) {
        return inputs.stream().filter(i -> changes.get(i) != Change.NONE).toList();
    }

    /**
     * The values of the key whose rows a changed input touches: its changed rows' own, or, for an input
     * without the key (the events of a model by order), those of another input's rows that hold both the
     * key and a column of the changed rows (the orders of the changed events): the model joins them by it.
     * Of a merged input, only the changed rows that touch the model count. Null when no input leads from the
     * changed rows to the key.
     */
    private static String keyValues(SqlModel model, String input, List<String> inputs, List<SqlModel> models, Engine engine) {
        String key = model.refreshKey();
        boolean merged = models.stream().anyMatch(m -> m.name().equals(input) && !m.mergeKeys().isEmpty());
        String changedRows = changedTable(input) + (merged ? " WHERE " + touches(model.name()) : "");
        List<String> columns = engine.columns(input);
        if (columns.contains(key)) {
            return "SELECT " + key + " FROM " + changedRows;
        }
        List<String> changedColumns = keptColumns(models, columns);
        for (String through : inputs) {
            List<String> throughColumns = engine.columns(through);
            if (throughColumns.contains(key)) {
                for (String shared : changedColumns) {
                    if (throughColumns.contains(shared)) {
                        return "SELECT " + key + " FROM " + through + " WHERE " + shared + " IN (SELECT " + shared + " FROM " + changedRows + ")";
                    }
                }
            }
        }
        return null;
    }

    /**
     * The model's new rows (new_&lt;model&gt;) merged into its table; where the tables after it are updated by
     * key, the rows a newer version replaces or adds are kept in changed_&lt;model&gt;, old and new, for them, with which
     * of those tables each row touches. The table counts as changed when a row was replaced or added, whatever
     * changed in it: the load archives a record again only when its content changed, and the tables made anew
     * from it read every column.
     */
    private static Change merge(SqlModel model, List<SqlModel> models, Engine engine) {
        String fresh = "new_" + model.name();
        engine.temporary(fresh, model.select());
        if (engine.rows(fresh) == 0) {
            return Change.NONE;
        }
        List<String> columns = engine.columns(model.name());
        if (!engine.updatesByKey()) {
            // the tables after it are made anew when it may have changed: none reads which rows did
            engine.merge(model, fresh, columns, List.of(), Map.of());
            return Change.ROWS;
        }
        engine.merge(model, fresh, columns, keptColumns(models, columns), readers(model, models, columns));
        return engine.rows(changedTable(model)) > 0 ? Change.ROWS : Change.NONE;
    }

    /**
     * The models refreshed by a key that read a merged table, each with the condition (on the table's row
     * {@code t} and the newer version {@code s} that replaces it) that the replacement touches its rows: a
     * column it names, but the keys, holds another value. A newer version most often changes a few columns (an
     * order's payment time, not its tickets), and a model whose columns did not change has nothing to make
     * again. A model that names every column a newer version can change is touched by each (comparing would
     * read them all for nothing). A column with a fingerprint beside it (&lt;column&gt;{@value #FINGERPRINT}) is
     * compared by it: reading an order's tickets to compare them costs as much as making its ticket rows again.
     */
    static Map<String, String> readers(SqlModel model, List<SqlModel> models, List<String> columns) {
        List<String> changing = columns.stream().filter(c -> !model.mergeKeys().contains(c) && !VERSION_COLUMNS.contains(c)).map(c -> compared(c, columns))
                .distinct().toList();
        Map<String, String> readers = new LinkedHashMap<>();
        for (SqlModel reader : models) {
            if (!reader.refreshKey().isEmpty() && SqlModels.mentions(reader.select(), model.name())) {
                List<String> named = SqlModels.columnsNamed(reader.select(), columns).stream().map(c -> compared(c, columns)).filter(changing::contains)
                        .distinct().toList();
                readers.put(reader.name(), named.containsAll(changing) ? "true" : named.isEmpty() ? "false"
                        : named.stream().map(c -> "t." + c + " IS DISTINCT FROM s." + c).collect(Collectors.joining(" OR ", "(", ")")));
            }
        }
        return readers;
    }

    /** The column compared for a column: its fingerprint, where the table has one. */
    private static String compared(String column, List<String> columns) {
        return columns.contains(column + FINGERPRINT) ? column + FINGERPRINT : column;
    }

    /** The columns that tell a record's versions apart (newer_version), not what the record holds. */
    private static final List<String> VERSION_COLUMNS = List.of("run_id", "version_at");

    /** The suffix of a column that holds a fingerprint of another's value, compared in its place. */
    public static final String FINGERPRINT = "_fingerprint";

    /** The column of changed_&lt;model&gt; of a merged model that says whether a row touches the reader's rows. */
    public static String touches(String reader) {
        return "touches_" + reader;
    }

    /**
     * The columns of a model's changed rows that the models after it need: the ones any model is
     * refreshed by (the rest is not read, and reading every column of a large table is what costs).
     */
    private static List<String> keptColumns(List<SqlModel> models, List<String> columns) {
        Set<String> keys = models.stream().map(SqlModel::refreshKey).filter(k -> !k.isEmpty()).collect(Collectors.toSet());
        List<String> kept = columns.stream().filter(keys::contains).toList();
        return kept.isEmpty() ? List.of(columns.get(0)) : kept;
    }

    /** The table an engine that updates by key keeps a model's changed rows in, for the models after it. */
    public static String changedTable(SqlModel model) {
        return changedTable(model.name());
    }

    private static String changedTable(String model) {
        return "changed_" + model;
    }

    /**
     * The rows of {@code source} merged into the model's table by its keys: a row with new keys is
     * added, and one with known keys replaces the table's only if it is a newer version (newer_version).
     */
    static String merge(SqlModel model, String source, List<String> columns) {
        List<String> keys = model.mergeKeys();
        List<String> values = columns.stream().filter(c -> !keys.contains(c)).toList();
        StringBuilder merge = new StringBuilder("MERGE INTO ").append(model.name()).append(" t USING ").append(source).append(" s ON ")
                .append(sameKeys(keys, "t", "s"));
        if (!values.isEmpty()) {
            merge.append("\nWHEN MATCHED AND newer_version(s, t) THEN UPDATE SET ")
                    .append(values.stream().map(c -> c + " = s." + c).collect(Collectors.joining(", ")));
        }
        merge.append("\nWHEN NOT MATCHED THEN INSERT (").append(String.join(", ", columns)).append(") VALUES (")
                .append(columns.stream().map(c -> "s." + c).collect(Collectors.joining(", "))).append(")");
        return SqlMacros.expand(merge.toString());
    }

    /** That the rows named {@code a} and {@code b} have the same keys: {@code a.k = b.k AND ...}. */
    public static String sameKeys(List<String> keys, String a, String b) {
        return keys.stream().map(k -> a + "." + k + " = " + b + "." + k).collect(Collectors.joining(" AND "));
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
