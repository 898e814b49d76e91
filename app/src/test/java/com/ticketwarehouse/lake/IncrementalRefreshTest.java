package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incremental refresh ends with the tables a full rebuild makes from the same lake, row for row,
 * after a seeded random sequence of loads and syncs of either source (the simulated Stripe moving on
 * between them, so that versions change), runs that complete after newer ones were refreshed (their
 * manifest written late), runs that were killed or failed (their archives must never be read), and
 * refreshes whose state was lost after their commit (their runs read twice).
 */
class IncrementalRefreshTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SOURCES = List.of("all", "stripe", "ticketsauce");
    static final List<String> RANGES = List.of("all", "upcoming", "recent");

    @TempDir
    Path dir;

    @Test
    void incremental_refreshes_equal_a_full_rebuild_after_random_syncs_kills_and_late_completions() throws Exception {
        for (long seed : new long[] {11, 12}) {
            assertIncrementalEqualsFull(seed, dir.resolve("seed-" + seed));
        }
    }

    private static void assertIncrementalEqualsFull(long seed, Path lakeDir) throws Exception {
        Random random = new Random(seed);
        Instant now = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        Instant clock = now.minus(Duration.ofDays(3));
        List<Path> late = new ArrayList<>();
        int refreshes = 0, lateCompletions = 0, killed = 0, readTwice = 0;
        try (Simulators simulators = Simulators.start(seed, Scale.named("6x20"), FaultPlan.none(), now, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(simulators, lakeDir))) {
            DuckDbLake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
            for (int step = 0; step < 10; step++) {
                clock = clock.plus(Duration.ofHours(1 + random.nextInt(12)));
                simulators.stripe().clock(clock.isAfter(now) ? now : clock);
                Map<String, Object> what = Map.of(Loads.SOURCE, SOURCES.get(random.nextInt(SOURCES.size())),
                        Loads.TIME_RANGE, RANGES.get(random.nextInt(RANGES.size())));
                LoadRun run = pipeline.call(random.nextBoolean() ? "sync" : "load", null, what, LoadRun.class);
                assertThat(run.status()).as("step " + step + " " + what).isEqualTo(LoadRun.COMPLETE);
                pipeline.call("crawl", null, Map.of(), String.class);
                if (step > 0 && random.nextInt(3) == 0) {
                    late.add(hideManifest(lakeDir, run.id()));
                }
                if (random.nextInt(4) == 0) {
                    killedCopy(lakeDir, run, random.nextBoolean() ? LoadRun.FAILED : LoadRun.RUNNING);
                    killed++;
                }
                if (!late.isEmpty() && random.nextInt(3) == 0) {
                    completeLate(late.remove(random.nextInt(late.size())));
                    lateCompletions++;
                }
                if (step == 0 || random.nextInt(3) > 0) {
                    byte[] before = lake.readState(Refresh.STATE).orElse(null);
                    lake.transform(false);
                    refreshes++;
                    if (before != null && random.nextInt(4) == 0) {
                        // the state lost after the commit: the next refresh reads these runs again
                        lake.writeState(Refresh.STATE, before);
                        readTwice++;
                    }
                }
            }
            for (Path manifest : late) {
                completeLate(manifest);
                lateCompletions++;
            }
            assertThat(lake.transform(false)).as("seed " + seed).startsWith("refresh: ");
            assertThat(lake.transform(false)).as("a refresh with nothing new").startsWith("refresh: no complete run since the last refresh");

            Path copy = lakeDir.resolveSibling(lakeDir.getFileName() + "-full");
            EndToEndTest.copy(lakeDir, copy);
            DuckDbLake full = new DuckDbLake(copy, Entities.ALL, ".writing-");
            assertThat(full.transform(true)).startsWith("full refresh (asked for)");
            Map<String, String> incremental = tables(lake), rebuilt = tables(full);
            assertThat(incremental.get("stg_stripe_charges").lines().count()).as("seed " + seed + ": charges").isGreaterThan(10);
            for (String table : rebuilt.keySet()) {
                assertThat(incremental.get(table)).as("seed " + seed + " (" + refreshes + " refreshes, " + lateCompletions + " late completions, "
                        + killed + " killed runs, " + readTwice + " refreshes read twice): " + table).isEqualTo(rebuilt.get(table));
            }
        }
    }

    /** The test's own refreshes only: a sync does not transform. */
    static Map<String, String> settings(Simulators simulators, Path lakeDir) {
        Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(simulators, lakeDir));
        settings.put("tw.sync.transform", "false");
        return settings;
    }

    /** Every table a refresh keeps, sorted, as CSV. */
    static Map<String, String> tables(DuckDbLake lake) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (SqlModel model : SqlModels.load()) {
            if (!model.batch()) {
                ByteArrayOutputStream csv = new ByteArrayOutputStream();
                lake.query("SELECT * FROM " + model.name() + " ORDER BY ALL", new PrintStream(csv, true, StandardCharsets.UTF_8));
                tables.put(model.name(), csv.toString(StandardCharsets.UTF_8));
            }
        }
        return tables;
    }

    /** Moves a complete run's manifest aside, as if the run were still at work; returns where it went. */
    static Path hideManifest(Path lakeDir, String runId) throws IOException {
        Path manifest = lakeDir.resolve("manifests/run_id=" + runId + "/manifest.json");
        Path aside = manifest.resolveSibling("aside.json");
        Files.move(manifest, aside);
        return aside;
    }

    /** The run completes now: its manifest is written. */
    static void completeLate(Path aside) throws IOException {
        Files.move(aside, aside.resolveSibling("manifest.json"));
    }

    /** A copy of a run's archives under another run, which was killed (running, its process gone) or failed. */
    static void killedCopy(Path lakeDir, LoadRun run, String status) throws IOException {
        String killed = run.id() + "k";
        try (Stream<Path> folders = Files.walk(lakeDir.resolve("raw"))) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().equals("run_id=" + run.id())).toList()) {
                EndToEndTest.copy(folder, folder.resolveSibling("run_id=" + killed));
            }
        }
        ObjectNode manifest = (ObjectNode) JSON.readTree(run.manifestJson());
        manifest.put("run_id", killed).put("status", status).put("heartbeat_at", "2020-01-01T00:00:00Z");
        Path file = lakeDir.resolve("manifests/run_id=" + killed + "/manifest.json");
        Files.createDirectories(file.getParent());
        Files.write(file, JSON.writeValueAsBytes(manifest));
    }
}
