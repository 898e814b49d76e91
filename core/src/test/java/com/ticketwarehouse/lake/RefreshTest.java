package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Archive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which runs a refresh reads, from the manifests and its state; the statements it runs. */
class RefreshTest {
    static final List<SqlModel> MODELS = List.of(new SqlModel("staging", "stg_x", "-- refresh: merge on id\nSELECT id, amount, version_at, run_id FROM typed_x"));

    @TempDir
    Path dir;

    @Test
    void a_refresh_reads_the_complete_runs_since_the_last_and_nothing_when_there_are_none() {
        LakeFiles files = new LakeFiles(new FolderStore(dir, ".writing-"));
        manifest(files, "20260101T000000Z-a000", "complete", "");
        manifest(files, "20260101T000100Z-b000", "failed", "");
        // still at work on another host: it holds back what counts as settled
        manifest(files, "20260101T000030Z-c000", "running", "\"host\": \"elsewhere\", \"heartbeat_at\": \"" + Instant.now() + "\", ");
        Refresh.Plan first = Refresh.plan(files, MODELS, false, () -> Set.of("stg_x"));
        assertThat(first.full()).isTrue();
        assertThat(first.why()).isEqualTo("no refresh before");
        assertThat(first.runs()).containsExactly("20260101T000000Z-a000");
        files.writeState(Refresh.STATE, first.stateAfter());

        assertThat(Refresh.plan(files, MODELS, false, () -> Set.of("stg_x")).nothingNew()).isTrue();
        assertThat(Refresh.plan(files, MODELS, false, () -> {
            throw new AssertionError("nothing new: the engine is not asked");
        }).nothingNew()).isTrue();
        assertThat(Refresh.plan(files, MODELS, true, () -> Set.of("stg_x")).why()).isEqualTo("asked for");
        List<SqlModel> changed = List.of(new SqlModel("staging", "stg_x", MODELS.get(0).select() + " WHERE id IS NOT NULL"));
        assertThat(Refresh.plan(files, changed, false, () -> Set.of("stg_x")).why()).isEqualTo("the models changed");

        // a run that began before the last refresh and completed after it is read now; a compaction instead of the runs it replaces
        manifest(files, "20260101T000030Z-c000", "complete", "");
        manifest(files, "20260101T000200Z-d000", "complete", "");
        manifest(files, "20260102T000000Z-e000", "complete", "\"kind\": \"compaction\", \"replaces\": [\"20260101T000200Z-d000\"], ");
        assertThat(Refresh.plan(files, MODELS, false, Set::of).why()).isEqualTo("a merged table is missing");
        Refresh.Plan next = Refresh.plan(files, MODELS, false, () -> Set.of("stg_x"));
        assertThat(next.full()).isFalse();
        assertThat(next.runs()).containsExactly("20260101T000030Z-c000", "20260102T000000Z-e000");
        files.writeState(Refresh.STATE, next.stateAfter());
        assertThat(Refresh.plan(files, MODELS, false, () -> Set.of("stg_x")).nothingNew()).isTrue();
        assertThat(new String(files.readState(Refresh.STATE).orElseThrow(), StandardCharsets.UTF_8))
                .as("the runs are settled: long begun, read or ended").contains("\"read\" : [ ]");
    }

    @Test
    void a_refresh_that_did_not_finish_makes_the_next_one_full() {
        LakeFiles files = new LakeFiles(new FolderStore(dir, ".writing-"));
        manifest(files, "20260101T000000Z-a000", "complete", "");
        Refresh.Plan first = Refresh.plan(files, MODELS, false, () -> Set.of("stg_x"));
        files.writeState(Refresh.STATE, first.stateAfter());
        manifest(files, "20260101T000100Z-b000", "complete", "");
        Refresh.Plan cut = Refresh.plan(files, MODELS, false, () -> Set.of("stg_x"));
        assertThat(cut.full()).isFalse();
        // the tables changed without a transaction, and the refresh ended before its last statement
        files.writeState(Refresh.STATE, cut.stateWhileRunning());
        Refresh.Plan next = Refresh.plan(files, MODELS, false, () -> Set.of("stg_x"));
        assertThat(next.full()).isTrue();
        assertThat(next.why()).isEqualTo("the last refresh did not finish");
        assertThat(next.runs()).containsExactly("20260101T000000Z-a000", "20260101T000100Z-b000");
        files.writeState(Refresh.STATE, next.stateAfter());
        assertThat(Refresh.plan(files, MODELS, false, () -> Set.of("stg_x")).nothingNew()).isTrue();
    }

    @Test
    void a_run_that_archived_nothing_is_noted_as_read_without_asking_the_engine() {
        LakeFiles files = new LakeFiles(new FolderStore(dir, ".writing-"));
        manifest(files, "20260101T000000Z-a000", "complete", "");
        files.writeState(Refresh.STATE, Refresh.plan(files, MODELS, false, () -> Set.of("stg_x")).stateAfter());
        // begun just now: newer than what the last refresh counted as settled
        String unchanged = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now()) + "-b000";
        manifest(files, unchanged, "complete", "\"records\": 0, ");
        Refresh.Plan plan = Refresh.plan(files, MODELS, false, () -> {
            throw new AssertionError("nothing new: the engine is not asked");
        });
        assertThat(plan.nothingNew()).isTrue();
        assertThat(plan.empty()).containsExactly(unchanged);
        assertThat(Refresh.nothingToDo(plan, files, System.nanoTime()))
                .matches("refresh: 1 run since the last refresh archived nothing new; nothing to do \\(\\d+ ms\\)\n");
        Refresh.Plan after = Refresh.plan(files, MODELS, false, () -> Set.of("stg_x"));
        assertThat(after.empty()).as("noted as read").isEmpty();
        assertThat(Refresh.nothingToDo(after, files, System.nanoTime())).startsWith("refresh: no complete run since the last refresh; nothing to do");
    }

    @Test
    void a_model_whose_entities_no_new_run_archived_is_left_as_it_is_without_a_statement() {
        LakeFiles files = new LakeFiles(new FolderStore(dir, ".writing-"));
        List<SqlModel> models = List.of(
                new SqlModel("staging", "typed_charges", "-- refresh: batch\nSELECT id, version_at, run_id FROM raw_stripe_charges"),
                new SqlModel("staging", "typed_orders", "-- refresh: batch\nSELECT id, version_at, run_id FROM raw_ticketsauce_orders"),
                new SqlModel("staging", "stg_charges", "-- refresh: merge on id\nSELECT id, version_at, run_id FROM typed_charges"),
                new SqlModel("staging", "stg_orders", "-- refresh: merge on id\nSELECT id, version_at, run_id FROM typed_orders"),
                new SqlModel("marts", "orders", "SELECT id FROM stg_orders"));
        manifest(files, "20260101T000000Z-a000", "complete", "");
        files.writeState(Refresh.STATE, Refresh.plan(files, models, false, () -> Set.of("stg_charges", "stg_orders")).stateAfter());
        String now = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        manifest(files, now + "-b000", "complete", "\"records\": 3, \"entities\": {\"stripe/charges\": {\"records\": 3}, "
                + "\"ticketsauce/orders\": {\"records\": 0}}, ");
        Refresh.Plan plan = Refresh.plan(files, models, false, () -> Set.of("stg_charges", "stg_orders"));
        assertThat(plan.full()).isFalse();
        assertThat(plan.archived()).containsExactly("stripe/charges");
        List<String> statements = new java.util.ArrayList<>();
        String report = Refresh.run(plan, models, new Refresh.Engine() {
            public void readRuns(List<String> runs, boolean all) {
            }

            public List<String> columns(String table) {
                return List.of("id", "version_at", "run_id");
            }

            public void batch(String name, String select) {
                statements.add("batch " + name);
            }

            public void temporary(String name, String select) {
                statements.add("temporary " + name);
            }

            public void replace(String table, String select) {
                statements.add("replace " + table);
            }

            public void execute(String statement) {
                statements.add(statement.substring(0, statement.indexOf(" t ")));
            }

            public void narrow(String table, String key, String values) {
            }

            public void widen(String table) {
            }

            public long rows(String table) {
                return 3;
            }

            public boolean updatesByKey() {
                return false;
            }
        });
        // the batches are made (a model may read several), the orders' merge and mart are not asked for
        assertThat(statements).containsExactly("batch typed_charges", "batch typed_orders", "temporary new_stg_charges", "MERGE INTO stg_charges");
        assertThat(report).containsPattern("stg_orders +unchanged").containsPattern("orders +unchanged");
        manifest(files, now + "-c000", "complete", "\"records\": 1, ");
        assertThat(Refresh.plan(files, models, false, () -> Set.of("stg_charges", "stg_orders")).archived())
                .as("a manifest that does not say what it archived").containsAll(com.ticketwarehouse.extract.Entities.ALL);
    }

    @Test
    void a_merge_inserts_new_keys_and_updates_a_known_one_only_with_a_newer_version() {
        String merge = Refresh.merge(MODELS.get(0), "new_stg_x", List.of("id", "amount", "version_at", "run_id"));
        assertThat(merge).startsWith("MERGE INTO stg_x t USING new_stg_x s ON t.id = s.id")
                .contains("WHEN MATCHED AND (COALESCE(s.version_at, -1) > COALESCE(t.version_at, -1)")
                .contains("THEN UPDATE SET amount = s.amount, version_at = s.version_at, run_id = s.run_id")
                .endsWith("WHEN NOT MATCHED THEN INSERT (id, amount, version_at, run_id) VALUES (s.id, s.amount, s.version_at, s.run_id)");
        SqlModel keysOnly = new SqlModel("staging", "stg_c", "-- refresh: merge on event_id, ticket_id\nSELECT DISTINCT event_id, ticket_id FROM raw_c");
        assertThat(Refresh.merge(keysOnly, "new_stg_c", List.of("event_id", "ticket_id"))).doesNotContain("WHEN MATCHED")
                .contains("ON t.event_id = s.event_id AND t.ticket_id = s.ticket_id");
    }

    @Test
    void a_merge_tells_each_model_refreshed_by_a_key_whether_a_newer_version_changed_a_column_it_reads() {
        List<SqlModel> models = SqlModels.load();
        SqlModel orders = models.stream().filter(m -> m.name().equals("stg_ticketsauce_orders")).findFirst().orElseThrow();
        List<String> columns = List.of("order_id", "event_id", "first_name", "last_name", "email", "total_paid", "paid_at_utc", "tickets",
                "tickets_fingerprint", "run_id", "version_at");
        Map<String, String> readers = Refresh.readers(orders, models, columns);
        // the tickets are compared by their fingerprint: an order's new payment time leaves its tickets as they were
        assertThat(readers.get("stg_ticketsauce_tickets")).isEqualTo("(t.event_id IS DISTINCT FROM s.event_id OR t.tickets_fingerprint IS DISTINCT FROM s.tickets_fingerprint)");
        assertThat(readers.get("events")).as("counts orders by event").isEqualTo("(t.event_id IS DISTINCT FROM s.event_id)");
        assertThat(readers.get("payment_reconciliation")).contains("t.paid_at_utc IS DISTINCT FROM s.paid_at_utc", "t.total_paid IS DISTINCT FROM s.total_paid")
                .doesNotContain("email", "tickets", "run_id", "version_at");
        assertThat(readers.get("orders")).as("reads every column a newer version can change").isEqualTo("true");
        assertThat(readers).doesNotContainKeys("stg_ticketsauce_orders", "typed_ticketsauce_orders", "daily_sales");
        SqlModel keysOnly = new SqlModel("marts", "order_ids", "-- refresh: by order_id\nSELECT order_id FROM stg_ticketsauce_orders");
        assertThat(Refresh.readers(orders, List.of(orders, keysOnly), columns)).containsEntry("order_ids", "false");
    }

    @Test
    void macros_are_put_in_place_with_their_arguments() {
        assertThat(SqlMacros.expand("SELECT dollars(x.amount_cents) AS amount, dollars(coalesce(a, b)) FROM t"))
                .isEqualTo("SELECT CAST(x.amount_cents * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount, "
                        + "CAST(coalesce(a, b) * DECIMAL '0.01' AS DECIMAL(14, 2)) FROM t");
        assertThat(SqlMacros.expand("FROM newest_version(typed_x, x_id) c")).contains("PARTITION BY v.x_id").contains("FROM typed_x v")
                .doesNotContain("newest_version");
        // a macro's body calls others; a parameter is replaced in a string too, an argument never again
        assertThat(SqlMacros.expand("CASE not_cents(r, amount) END")).isEqualTo(
                "CASE WHEN r.amount IS NOT NULL AND TRY_CAST(r.amount AS BIGINT) IS NULL\n    THEN concat('amount is not a whole number of cents: ', r.amount) END");
        assertThat(SqlMacros.expand("not_cents(field, record)")).contains("field.record IS NOT NULL").contains("'record is not");
    }

    private static void manifest(LakeFiles files, String run, String status, String more) {
        files.store().write(Archive.manifestKey(run),
                ("{\"run_id\": \"" + run + "\", " + more + "\"status\": \"" + status + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
