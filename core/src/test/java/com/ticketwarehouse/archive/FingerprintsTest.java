package com.ticketwarehouse.archive;

import com.ticketwarehouse.extract.JsonRecords;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

public class FingerprintsTest {
    /** State files in memory, as the lakes keep them in a folder or a bucket. */
    public static final class InMemoryState implements StateFiles {
        public final Map<String, byte[]> files = new ConcurrentHashMap<>();

        @Override
        public Optional<byte[]> readState(String name) {
            return Optional.ofNullable(files.get(name));
        }

        @Override
        public void writeState(String name, byte[] content) {
            files.put(name, content);
        }
    }

    final InMemoryState state = new InMemoryState();
    final Fingerprints fingerprints = new Fingerprints(state);

    static LoadRun run() {
        return new LoadRun(Instant.now(), "all", TimeRange.of("all", LocalDate.now(), null, null));
    }

    static byte[] charge(String id, String status, long fetchedAt) {
        return JsonRecords.stamped(("{\"id\":\"" + id + "\",\"created\":1767225600,\"status\":\"" + status + "\"}")
                .getBytes(StandardCharsets.UTF_8), fetchedAt);
    }

    List<byte[]> seen(LoadRun run, byte[]... records) {
        return fingerprints.unseen(run, "stripe", "charges", null, List.of(records));
    }

    LoadRun completed(byte[]... records) {
        LoadRun run = run();
        fingerprints.begin(run);
        seen(run, records);
        fingerprints.keep(run);
        return run;
    }

    @Test
    void a_record_fetched_again_unchanged_is_not_archived_again_whatever_its_fetch_time() {
        completed(charge("ch_1", "pending", 1), charge("ch_2", "succeeded", 1));
        LoadRun next = run();
        fingerprints.begin(next);
        assertThat(seen(next, charge("ch_1", "pending", 2), charge("ch_2", "succeeded", 2))).isEmpty();
    }

    @Test
    void a_changed_record_is_archived_once_and_a_new_one_too() {
        completed(charge("ch_1", "pending", 1));
        LoadRun next = run();
        fingerprints.begin(next);
        assertThat(seen(next, charge("ch_1", "succeeded", 2), charge("ch_3", "pending", 2))).hasSize(2);
        assertThat(seen(next, charge("ch_1", "succeeded", 3))).as("seen already by this run").isEmpty();
        fingerprints.keep(next);
        LoadRun third = run();
        fingerprints.begin(third);
        assertThat(seen(third, charge("ch_1", "succeeded", 4), charge("ch_3", "pending", 4))).isEmpty();
        assertThat(seen(third, charge("ch_1", "pending", 4))).as("back to an earlier content: a new version").hasSize(1);
    }

    @Test
    void what_a_run_that_did_not_complete_archived_is_archived_again_by_the_next() {
        LoadRun failed = run();
        fingerprints.begin(failed);
        assertThat(seen(failed, charge("ch_1", "pending", 1))).hasSize(1);
        fingerprints.forget(failed);
        assertThat(state.files).isEmpty();
        LoadRun next = run();
        fingerprints.begin(next);
        assertThat(seen(next, charge("ch_1", "pending", 2))).hasSize(1);
    }

    @Test
    void fingerprints_are_kept_per_scope_and_a_run_writes_only_the_scopes_it_changed() {
        completed(charge("ch_1", "pending", 1));
        LoadRun orders = run();
        fingerprints.begin(orders);
        byte[] order = JsonRecords.stamped("{\"Order\":{\"id\":\"o1\",\"event_id\":\"e1\"},\"Ticket\":[]}".getBytes(StandardCharsets.UTF_8), 5);
        byte[] checkin = "{\"event_id\":\"e1\",\"ticket_id\":\"t1\"}".getBytes(StandardCharsets.UTF_8);
        fingerprints.unseen(orders, "ticketsauce", "orders", "e1", List.of(order));
        fingerprints.unseen(orders, "ticketsauce", "checkins", "e1", List.of(checkin));
        Map<String, byte[]> before = new TreeMap<>(state.files);
        fingerprints.keep(orders);
        assertThat(state.files.keySet()).containsExactlyInAnyOrder("fingerprints/stripe/charges/created=2026-01.bin",
                "fingerprints/ticketsauce/orders/event=e1.bin", "fingerprints/ticketsauce/checkins/event=e1.bin",
                "changes/stripe/charges", "changes/ticketsauce/orders", "changes/ticketsauce/checkins");
        assertThat(Fingerprints.lastChange(state, "ticketsauce/orders")).as("the last run that archived something new of it").contains(orders.id());
        assertThat(Fingerprints.lastChange(state, "stripe/charges")).isNotEqualTo(Fingerprints.lastChange(state, "ticketsauce/orders"));
        assertThat(state.files.get("fingerprints/stripe/charges/created=2026-01.bin")).isSameAs(before.get("fingerprints/stripe/charges/created=2026-01.bin"));
        assertThat(state.files.get("fingerprints/ticketsauce/orders/event=e1.bin")).as("16 bytes a record").hasSize(16);

        LoadRun unchanged = run();
        fingerprints.begin(unchanged);
        assertThat(fingerprints.unseen(unchanged, "ticketsauce", "orders", "e1",
                List.of(JsonRecords.stamped("{\"Order\":{\"id\":\"o1\",\"event_id\":\"e1\"},\"Ticket\":[]}".getBytes(StandardCharsets.UTF_8), 9)))).isEmpty();
        assertThat(fingerprints.unseen(unchanged, "ticketsauce", "checkins", "e1", List.of(checkin))).isEmpty();
        assertThat(fingerprints.unseen(unchanged, "ticketsauce", "checkins", "e1",
                List.of("{\"event_id\":\"e1\",\"ticket_id\":\"t2\"}".getBytes(StandardCharsets.UTF_8)))).hasSize(1);
    }

    @Test
    void two_runs_completing_side_by_side_keep_both_their_records() {
        LoadRun first = run(), second = run();
        fingerprints.begin(first);
        fingerprints.begin(second);
        seen(first, charge("ch_1", "pending", 1));
        seen(second, charge("ch_2", "pending", 1));
        fingerprints.keep(first);
        fingerprints.keep(second);
        LoadRun next = run();
        fingerprints.begin(next);
        assertThat(seen(next, charge("ch_1", "pending", 3), charge("ch_2", "pending", 3))).isEmpty();
    }
}
