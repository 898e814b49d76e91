package com.ticketwarehouse;

import com.ticketwarehouse.archive.Archive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.lake.Compaction;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.Scale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compact job on the local lake: a day's runs become one compaction run with a few objects per
 * entity, every record kept once with the run and object that first held it, and the tables unchanged;
 * killed at random points (kill -9), the next compaction ends with the same lake as an uninterrupted one.
 */
class CompactionTest {
    static final long SEED = 5;
    static final Scale SCALE = Scale.named("8x20");
    static final Instant NOW = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
    static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    static final int KILLS = 8;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SimulatedLakes lakes = new SimulatedLakes(SEED, SCALE, NOW);
    static List<String> runs = new ArrayList<>();
    static Map<String, String> tables;
    static Map<String, Long> rawRows;

    /** Three complete runs of today, each with something new (the Stripe simulator's clock moves between them). */
    @BeforeAll
    static void threeRuns() {
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), lakes.lake("uncompacted")))) {
            for (Duration back : List.of(Duration.ofDays(2), Duration.ofDays(1), Duration.ZERO)) {
                lakes.simulators().stripe().clock(NOW.minus(back));
                LoadRun run = EndToEndTest.load(pipeline);
                assertThat(run.status()).isEqualTo(LoadRun.COMPLETE);
                assertThat(run.records()).isPositive();
                runs.add(run.id());
            }
            EndToEndTest.refresh(pipeline);
            tables = EndToEndTest.tables(EndToEndTest.lake(pipeline));
            rawRows = rawRows(EndToEndTest.lake(pipeline));
        }
        EndToEndTest.assertEqualsGroundTruth(new DuckDbLake(lakes.lake("uncompacted"), Entities.ALL, ".writing-"), lakes.simulators().groundTruth());
    }

    @Test
    void a_compacted_day_is_one_run_of_few_objects_holding_every_record_once_with_its_lineage_and_no_table_changes() throws Exception {
        Path dir = copy("compacted");
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
            assertThat(compact(pipeline)).contains(TODAY + ": 3 runs compacted into ");
            String compaction = compactionOf(dir);
            JsonNode manifest = manifest(dir, compaction);
            assertThat(manifest.path("kind").asText()).isEqualTo(Compaction.KIND);
            assertThat(manifest.path("status").asText()).isEqualTo(LoadRun.COMPLETE);
            assertThat(manifest.path("replaces").toString()).isEqualTo(JSON.writeValueAsString(runs.stream().sorted().toList()));
            for (String run : runs) {
                assertThat(manifest(dir, run).path("status").asText()).isEqualTo(Compaction.REPLACED);
                assertThat(manifest(dir, run).path("replaced_by").asText()).isEqualTo(compaction);
            }
            assertThat(runFolders(dir)).as("only the compaction's objects are left").allMatch(f -> f.endsWith("run_id=" + compaction));
            assertThat(objects(dir)).as("one object per entity").isEqualTo(runFolders(dir).size());

            EndToEndTest.refresh(pipeline);
            DuckDbLake lake = EndToEndTest.lake(pipeline);
            assertThat(EndToEndTest.tables(lake)).isEqualTo(tables);
            assertThat(rawRows(lake)).isEqualTo(rawRows);
            assertThat(lake.scalar("SELECT count(*) FROM raw_stripe_charges WHERE tw_source_run IS NULL "
                    + "OR tw_source_object NOT LIKE 'raw/stripe/charges/load_date=" + TODAY + "/run_id=' || tw_source_run || '/part-%'").longValue()).isZero();
            assertThat(lake.scalar("SELECT count(DISTINCT tw_source_run) FROM raw_stripe_charges").longValue()).isEqualTo(3);
            assertThat(lake.scalar("SELECT count(*) FROM stg_stripe_charges WHERE run_id NOT IN ('" + String.join("','", runs) + "')")
                    .longValue()).as("the models name the run that first archived a record").isZero();

            assertThat(compact(pipeline)).as("a compacted day is not read again").startsWith("nothing to compact");
            assertThat(pipeline.call("status", null, Map.of(), String.class)).contains(compaction + " complete").contains(Compaction.REPLACED);
        }
    }

    @Test
    void compactions_killed_at_random_points_lose_and_duplicate_nothing_once_the_next_one_has_run() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path timed = copy("timed");
        Process uninterrupted = compactProcess(timed);
        long begun = awaitCompactionManifest(timed, uninterrupted);
        assertThat(uninterrupted.waitFor()).isZero();
        // from its first manifest to the end of the process; the kills fall over twice that window, one in each
        // eighth of it at a random point (a killed process's start varies, and uniform points on a quiet machine
        // all landed before its first step: a kill late in the window may also find it done, one more point)
        long work = Math.max(1, (System.nanoTime() - begun) / 1_000_000);
        Map<String, Integer> killedAt = new TreeMap<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            String at = "kill " + kill + " of " + KILLS + " (seed " + seed + ", an uninterrupted compaction worked " + work + " ms)";
            Path dir = copy("killed-" + kill);
            Process compaction = compactProcess(dir);
            awaitCompactionManifest(dir, compaction);
            TimeUnit.MICROSECONDS.sleep((long) (2_000.0 * work * (kill - random.nextDouble()) / KILLS));
            compaction.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            killedAt.merge(state(dir), 1, Integer::sum);
            try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
                compact(pipeline);
                EndToEndTest.refresh(pipeline);
                DuckDbLake lake = EndToEndTest.lake(pipeline);
                assertThat(rawRows(lake)).as(at).isEqualTo(rawRows);
                assertThat(EndToEndTest.tables(lake)).as(at).isEqualTo(tables);
                String compacted = compactionOf(dir);
                assertThat(runFolders(dir)).as(at + ": one compaction holds the day").allMatch(f -> f.endsWith("run_id=" + compacted));
                assertThat(CrashTest.unfinishedWrites(dir)).as(at).isEmpty();
            }
        }
        System.out.printf("CompactionTest: %d kills (seed %d, uninterrupted work %d ms): the lake as each kill left it %s%n", KILLS, seed, work, killedAt);
        assertThat(killedAt.keySet()).as("kills landed at different points").hasSizeGreaterThan(1);
    }

    @Test
    void the_compaction_lists_the_manifests_from_its_mark_which_a_run_still_at_work_holds_back() throws Exception {
        Path dir = copy("marked");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // a run of three days ago still at work (its process alive, its heartbeat fresh), and an unchanged sync's run before it
        Process alive = new ProcessBuilder("sleep", "300").start();
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
            String atWork = runId(today.minusDays(3)), unchanged = runId(today.minusDays(5));
            plantManifest(dir, atWork, LoadRun.RUNNING, alive.pid(), 0);
            plantManifest(dir, unchanged, LoadRun.COMPLETE, alive.pid(), 0);
            assertThat(compact(pipeline)).contains(TODAY + ": 3 runs compacted into ");
            assertThat(compactionState(dir).path("list_from").asText()).as("held back to the day of the run at work").isEqualTo(day(today.minusDays(3)));

            // once it has ended, the mark moves to a day before today (a run whose manifest is not written yet began less than a day ago)
            plantManifest(dir, atWork, LoadRun.COMPLETE, alive.pid(), 0);
            assertThat(compact(pipeline)).startsWith("nothing to compact");
            JsonNode state = compactionState(dir);
            assertThat(state.path("list_from").asText()).isEqualTo(day(today.minusDays(1)));
            assertThat(state.path("days").fieldNames()).as("no count of a day before the mark is kept").toIterable()
                    .allMatch(d -> d.compareTo(today.minusDays(1).toString()) >= 0);

            // runs of a day before the mark are not listed again: two complete runs planted there are not read, let alone compacted
            String before1 = runId(today.minusDays(2)), before2 = runId(today.minusDays(2));
            plantManifest(dir, before1, LoadRun.COMPLETE, alive.pid(), 1);
            plantManifest(dir, before2, LoadRun.COMPLETE, alive.pid(), 1);
            assertThat(compact(pipeline)).startsWith("nothing to compact");
            assertThat(manifest(dir, before1).path("status").asText()).isEqualTo(LoadRun.COMPLETE);
        } finally {
            alive.destroy();
        }
    }

    /**
     * A compaction killed while it marked the runs it replaced, as the kill leaves the lake: the compaction complete,
     * the first replaced run marked, the second's objects deleted and its new manifest half-written (a hidden file
     * beside its manifest, which still says complete), the third as it was (and, of an earlier kill, its state half-written). Of a
     * closed day, such a run lies before the load's cleanup mark, which never walks it again, nor does it walk state/: the
     * next compaction finishes and removes what it left.
     */
    @Test
    void a_compaction_killed_while_marking_a_replaced_run_leaves_no_half_written_manifest_once_the_next_one_has_run() throws Exception {
        Path dir = copy("killed-marking"), uncompacted = lakes.lake("uncompacted");
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
            compact(pipeline);
            String compaction = compactionOf(dir);
            List<String> replaced = runs.stream().sorted().toList();
            String cutShort = replaced.get(1), untouched = replaced.get(2);
            for (String run : List.of(cutShort, untouched)) {
                Files.copy(uncompacted.resolve(Archive.manifestKey(run)), dir.resolve(Archive.manifestKey(run)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            try (Stream<Path> files = Files.walk(uncompacted.resolve("raw"))) {
                for (Path file : files.filter(f -> Files.isRegularFile(f) && f.toString().contains("run_id=" + untouched + "/")).toList()) {
                    Files.copy(file, Files.createDirectories(dir.resolve(uncompacted.relativize(file)).getParent()).resolve(file.getFileName()));
                }
            }
            ObjectNode marking = ((ObjectNode) manifest(dir, cutShort)).put("status", Compaction.REPLACED).put("replaced_by", compaction);
            byte[] half = Arrays.copyOf(JSON.writeValueAsBytes(marking), JSON.writeValueAsBytes(marking).length / 2);
            Path halfWritten = Files.write(dir.resolve(Archive.manifestFolder(cutShort) + CrashTest.TEMP_PREFIX + "manifest.json1234567.tmp"), half);
            // and an earlier kill, while a compaction wrote its state
            Path halfState = Files.writeString(dir.resolve("state/compaction/" + CrashTest.TEMP_PREFIX + "days.json7654321.tmp"), "{\"list_from\":");

            assertThat(compact(pipeline)).contains("finished compaction " + compaction + " of run " + cutShort)
                    .contains("finished compaction " + compaction + " of run " + untouched);
            for (String run : replaced) {
                assertThat(manifest(dir, run).path("status").asText()).isEqualTo(Compaction.REPLACED);
            }
            assertThat(halfWritten).doesNotExist();
            assertThat(halfState).doesNotExist();
            assertThat(CrashTest.unfinishedWrites(dir)).isEmpty();
            assertThat(runFolders(dir)).allMatch(f -> f.endsWith("run_id=" + compaction));
            EndToEndTest.refresh(pipeline);
            DuckDbLake lake = EndToEndTest.lake(pipeline);
            assertThat(rawRows(lake)).isEqualTo(rawRows);
            assertThat(EndToEndTest.tables(lake)).isEqualTo(tables);
        }
    }

    /** A run id of that day, at noon. */
    static String runId(LocalDate day) {
        return LoadRun.ID_TIME.format(day.atTime(12, 0).toInstant(ZoneOffset.UTC)) + "-" + Integer.toHexString(0x1000 + new Random().nextInt(0xF000));
    }

    static String day(LocalDate day) {
        return day.toString().replace("-", "");
    }

    /** A run's manifest as its process writes it: this status, its heartbeat now, and one Stripe entity with that many files. */
    static void plantManifest(Path dir, String run, String status, long pid, long files) throws IOException {
        ObjectNode manifest = JSON.createObjectNode().put("run_id", run).put("status", status).put("host", (String) RunLiveness.thisProcess().get("host"))
                .put("pid", pid).put("started_at", Instant.now().toString()).put("heartbeat_at", Instant.now().toString()).put("heartbeat_seconds", 3600)
                .put("records", files);
        manifest.putObject("entities").putObject("stripe/charges").put("records", files).put("files", files);
        Path file = dir.resolve(Archive.manifestKey(run));
        Files.createDirectories(file.getParent());
        Files.writeString(file, manifest.toString());
    }

    static JsonNode compactionState(Path dir) throws IOException {
        return JSON.readTree(dir.resolve("state/compaction/days.json").toFile());
    }

    static String compact(Pipeline pipeline) {
        return pipeline.call("compact", null, Map.of("through", TODAY), String.class);
    }

    /** {@code tw compact} in a JVM of its own. */
    static Process compactProcess(Path dir) throws IOException {
        Path log = lakes.lake("compact-" + dir.getFileName() + ".log");
        return TwJvm.start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), List.of("compact", "--through", TODAY, "--lake", dir.toString()),
                builder -> builder.redirectErrorStream(true).redirectOutput(log.toFile()));
    }

    /** Waits until the compaction has written its first manifest (or its process ended); returns when, in System.nanoTime. */
    static long awaitCompactionManifest(Path dir, Process compaction) throws IOException, InterruptedException {
        while (compaction.isAlive()) {
            if (CrashTest.runIds(dir).stream().anyMatch(run -> !runs.contains(run))) {
                break;
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    /** Where a killed compaction stopped, as its manifests show. */
    static String state(Path dir) throws IOException {
        List<String> compactions = new ArrayList<>();
        for (String run : CrashTest.runIds(dir)) {
            JsonNode manifest = manifest(dir, run);
            if (Compaction.KIND.equals(manifest.path("kind").asText())) {
                compactions.add(manifest.path("status").asText());
            }
        }
        long replaced = runs.stream().filter(r -> {
            try {
                return Compaction.REPLACED.equals(manifest(dir, r).path("status").asText());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).count();
        return compactions.isEmpty() ? "not begun" : "compaction " + compactions + ", " + replaced + " runs marked replaced";
    }

    static Path copy(String name) throws IOException {
        Path dir = lakes.lake(name);
        EndToEndTest.copy(lakes.lake("uncompacted"), dir);
        return dir;
    }

    static JsonNode manifest(Path dir, String run) throws IOException {
        return JSON.readTree(dir.resolve(Archive.manifestKey(run)).toFile());
    }

    static String compactionOf(Path dir) throws IOException {
        for (String run : CrashTest.runIds(dir)) {
            JsonNode manifest = manifest(dir, run);
            if (Compaction.KIND.equals(manifest.path("kind").asText()) && LoadRun.COMPLETE.equals(manifest.path("status").asText())) {
                return run;
            }
        }
        throw new AssertionError("no complete compaction in " + dir);
    }

    /** The run folders that hold finished objects. */
    static List<String> runFolders(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("raw"))) {
            return files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith("."))
                    .map(f -> dir.relativize(f.getParent()).toString()).distinct().sorted().toList();
        }
    }

    static long objects(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("raw"))) {
            return files.filter(f -> Files.isRegularFile(f) && !f.getFileName().toString().startsWith(".")).count();
        }
    }

    static Map<String, Long> rawRows(DuckDbLake lake) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String entity : Entities.ALL) {
            String table = "raw_" + entity.replace('/', '_');
            rows.put(table, lake.scalar("SELECT count(*) FROM " + table).longValue());
        }
        return rows;
    }
}
