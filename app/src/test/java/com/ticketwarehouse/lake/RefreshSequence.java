package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.Simulators;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random sequence of loads and syncs of either source into a lake (the simulated Stripe
 * moving on between them, so that versions change), with runs that complete after newer ones were
 * refreshed (their manifest written late), runs that were killed or failed (their archives must never
 * be read), and refreshes whose state was lost after they ended (their runs read twice); refreshed
 * as it goes. Through the lake's object store, so the same on a folder and on S3.
 */
public final class RefreshSequence {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SOURCES = List.of("all", "stripe", "ticketsauce");
    static final List<String> RANGES = List.of("all", "upcoming", "recent");

    /** What the sequence went through, for the assertions' messages. */
    public record Outcome(int refreshes, int lateCompletions, int killed, int readTwice) {
        @Override
        public String toString() {
            return refreshes + " refreshes, " + lateCompletions + " late completions, " + killed + " killed runs, " + readTwice + " refreshes read twice";
        }
    }

    private RefreshSequence() {
    }

    /**
     * @param now     the simulators' end of time; Stripe's clock walks up to it from three days before
     * @param crawled after each load, what the lake needs before a refresh can read the run (a crawl locally)
     * @param refresh an incremental refresh, returning its report
     */
    public static Outcome run(long seed, int steps, Simulators simulators, Instant now, Pipeline pipeline, Lake lake, Runnable crawled,
                              Supplier<String> refresh) throws IOException {
        Random random = new Random(seed);
        Instant clock = now.minus(Duration.ofDays(3));
        List<String> late = new ArrayList<>();
        int refreshes = 0, lateCompletions = 0, killed = 0, readTwice = 0;
        for (int step = 0; step < steps; step++) {
            clock = clock.plus(Duration.ofHours(1 + random.nextInt(12)));
            simulators.stripe().clock(clock.isAfter(now) ? now : clock);
            Map<String, Object> what = Map.of(Loads.SOURCE, SOURCES.get(random.nextInt(SOURCES.size())),
                    Loads.TIME_RANGE, RANGES.get(random.nextInt(RANGES.size())));
            LoadRun run = pipeline.call(random.nextBoolean() ? "sync" : "load", null, what, LoadRun.class);
            assertThat(run.status()).as("step " + step + " " + what).isEqualTo(LoadRun.COMPLETE);
            crawled.run();
            if (step > 0 && random.nextInt(3) == 0) {
                hideManifest(lake, run.id());
                late.add(run.id());
            }
            if (random.nextInt(4) == 0) {
                killedCopy(lake, run, random.nextBoolean() ? LoadRun.FAILED : LoadRun.RUNNING);
                killed++;
            }
            if (!late.isEmpty() && random.nextInt(3) == 0) {
                completeLate(lake, late.remove(random.nextInt(late.size())));
                lateCompletions++;
            }
            if (step == 0 || random.nextInt(3) > 0) {
                byte[] before = lake.readState(Refresh.STATE).orElse(null);
                refresh.get();
                refreshes++;
                if (before != null && random.nextInt(4) == 0) {
                    // the state lost after the refresh ended: the next refresh reads these runs again
                    lake.writeState(Refresh.STATE, before);
                    readTwice++;
                }
            }
        }
        for (String run : late) {
            completeLate(lake, run);
            lateCompletions++;
        }
        assertThat(refresh.get()).as("seed " + seed).startsWith("refresh: ");
        return new Outcome(refreshes + 1, lateCompletions, killed, readTwice);
    }

    /** Every table a refresh keeps, as CSV with its rows sorted. */
    public static Map<String, String> tables(Lake lake) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (SqlModel model : SqlModels.load()) {
            if (!model.batch()) {
                List<String> lines = new ArrayList<>(lake.rows("SELECT * FROM " + model.name()).stream().map(Map::toString).toList());
                lines.sort(null);
                tables.put(model.name(), String.join("\n", lines));
            }
        }
        return tables;
    }

    private static String manifestKey(String runId, String name) {
        return Archive.manifestFolder(runId) + name;
    }

    /** Moves a complete run's manifest aside, as if the run were still at work. */
    static void hideManifest(Lake lake, String runId) {
        move(lake.files().store(), manifestKey(runId, "manifest.json"), manifestKey(runId, "aside.json"));
    }

    /** The run completes now: its manifest is written. */
    static void completeLate(Lake lake, String runId) {
        move(lake.files().store(), manifestKey(runId, "aside.json"), manifestKey(runId, "manifest.json"));
    }

    private static void move(ObjectStore store, String from, String to) {
        store.write(to, store.read(from).orElseThrow());
        store.delete(from);
    }

    /** A copy of a run's archives under another run, which was killed (running, its process gone) or failed; its partitions registered as a load's. */
    static void killedCopy(Lake lake, LoadRun run, String status) throws IOException {
        ObjectStore store = lake.files().store();
        String killed = run.id() + "k";
        Set<String> entities = new LinkedHashSet<>();
        for (String key : store.keys(Archive.RAW + "/")) {
            if (key.contains("/run_id=" + run.id() + "/")) {
                store.write(key.replace("/run_id=" + run.id() + "/", "/run_id=" + killed + "/"), store.read(key).orElseThrow());
                String[] path = key.split("/");
                entities.add(path[1] + "/" + path[2]);
            }
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(run.manifestJson());
        manifest.put("run_id", killed).put("status", status).put("heartbeat_at", "2020-01-01T00:00:00Z");
        store.write(manifestKey(killed, "manifest.json"), JSON.writeValueAsBytes(manifest));
        lake.registerPartitions(killed, run.loadDate(), entities);
    }
}
