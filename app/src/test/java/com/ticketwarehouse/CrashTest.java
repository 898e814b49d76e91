package com.ticketwarehouse;

import com.ticketwarehouse.archive.Archive;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.RunLiveness;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.lake.RunList;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.Scale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads killed (SIGKILL) or stopped (SIGTERM, as Ctrl-C) at random points, each in a JVM of its
 * own against the simulators: what they leave is never read as data, status never shows them
 * running, the next load removes their unfinished writes, and the next load, crawl and transform
 * give tables identical to a clean run, every time.
 */
class CrashTest {
    static final long SEED = 11;
    static final Scale SCALE = Scale.named("6x15");
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final int KILLS = 20;
    static final String TEMP_PREFIX = ".writing-";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final SimulatedLakes lakes = new SimulatedLakes(SEED, SCALE, NOW).withCleanLoad();

    @BeforeAll
    static void cleanRun() {
        assertThat(lakes.cleanTables().get("orders").lines().count()).as("the clean run has orders").isGreaterThan(10);
    }

    @Test
    void loads_killed_at_random_points_leave_nothing_that_is_read_and_the_next_load_equals_a_clean_run_every_time() throws Exception {
        Path dir = lakes.lake("killed");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int leftovers = 0, abandoned = 0, completeBeforeKill = 0;
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
            DuckDbLake lake = EndToEndTest.lake(pipeline);
            for (int kill = 1; kill <= KILLS; kill++) {
                String at = "kill " + kill + " of " + KILLS + " (seed " + seed + ")";
                Set<String> runsBefore = runIds(dir);
                long served = requests();
                Process load = load(dir, Map.of());
                long killAfter = random.nextInt((int) lakes.simulators().minimumRequests() + 1);
                while (requests() - served < killAfter && load.isAlive()) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(15));
                load.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

                leftovers += unfinishedWrites(dir).size();
                for (String run : runIds(dir)) {
                    if (!runsBefore.contains(run)) {
                        JsonNode manifest = JSON.readTree(dir.resolve(Archive.manifestKey(run)).toFile());
                        if (LoadRun.COMPLETE.equals(manifest.path("status").asText())) {
                            completeBeforeKill++;
                            assertThat(finishedFiles(dir, run)).as(at + ": a complete run has every file its manifest counts")
                                    .isEqualTo(filesCounted(manifest));
                        } else {
                            abandoned++;
                        }
                    }
                }
                String status = lake.status(RunList.SHOWN);
                assertThat(status).as(at + ": no load is running").doesNotContain(" running ");

                assertThat(EndToEndTest.load(pipeline).status()).as(at).isEqualTo(LoadRun.COMPLETE);
                assertThat(unfinishedWrites(dir)).as(at + ": the next load removed the unfinished writes of the killed run").isEmpty();
                EndToEndTest.refresh(pipeline);
                assertThat(EndToEndTest.tables(lake)).as(at).isEqualTo(lakes.cleanTables());
            }
        }
        System.out.printf("CrashTest: %d kills (seed %d): %d unfinished writes left and removed, %d runs abandoned, %d complete before the kill%n",
                KILLS, seed, leftovers, abandoned, completeBeforeKill);
        assertThat(abandoned).as("most kills land during a load").isGreaterThan(KILLS / 2);
    }

    @Test
    void sigterm_stops_a_load_within_two_seconds_marked_failed_and_the_next_load_equals_a_clean_run() throws Exception {
        Path dir = lakes.lake("stopped");
        long served = requests();
        // slow enough that the load is still running when it is stopped
        Process load = load(dir, Map.of("TICKETSAUCE_REQUESTS_PER_SECOND", "15", "STRIPE_REQUESTS_PER_SECOND", "15"));
        while (requests() - served < 10 && load.isAlive()) {
            Thread.sleep(5);
        }
        assertThat(load.isAlive()).isTrue();
        long stopped = System.nanoTime();
        load.destroy();
        assertThat(load.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long tookMs = (System.nanoTime() - stopped) / 1_000_000;
        assertThat(tookMs).as("stopped within a couple of seconds").isLessThan(2500);

        List<String> runs = new ArrayList<>(runIds(dir));
        assertThat(runs).hasSize(1);
        JsonNode manifest = JSON.readTree(dir.resolve(Archive.manifestKey(runs.get(0))).toFile());
        assertThat(manifest.path("status").asText()).isEqualTo(LoadRun.FAILED);
        assertThat(manifest.path("error").asText()).startsWith("interrupted (SIGTERM or Ctrl-C)");
        assertThat(manifest.path("records").asLong()).as("part of the data was archived").isPositive();
        try (Stream<Path> logs = Files.list(lakes.dir())) {
            Path log = logs.filter(f -> f.getFileName().toString().startsWith("load-stopped-")).findFirst().orElseThrow();
            assertThat(Files.readString(log)).contains("tw: load " + runs.get(0) + " stopped by SIGTERM or Ctrl-C and marked failed "
                    + "(its files are never taken as data)");
        }

        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
            DuckDbLake lake = EndToEndTest.lake(pipeline);
            assertThat(lake.status(RunList.SHOWN)).contains(runs.get(0) + " failed");
            EndToEndTest.refresh(pipeline);
            assertThat(lake.scalar("SELECT count(*) FROM orders").longValue()).as("a stopped run is never taken as data").isZero();
            assertThat(EndToEndTest.load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            EndToEndTest.refresh(pipeline);
            assertThat(EndToEndTest.tables(lake)).isEqualTo(lakes.cleanTables());
        }
    }

    @Test
    void a_half_written_archive_is_never_read_and_only_the_next_load_removes_it_unless_its_run_is_still_at_work() throws Exception {
        Path dir = lakes.lake("leftovers");
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(lakes.simulators(), dir))) {
            LoadRun complete = EndToEndTest.load(pipeline);
            Path orders = dir.resolve("raw/ticketsauce/orders/load_date=" + complete.loadDate() + "/run_id=" + complete.id());
            byte[] archive;
            try (Stream<Path> files = Files.list(orders)) {
                archive = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
            }
            byte[] half = java.util.Arrays.copyOf(archive, archive.length / 2);
            // what a kill leaves: half an archive of a killed run, of a complete one, and half a manifest
            // (the killed run began two hours ago: a load's cleanup walks the manifests of the runs of the last day and after its last mark)
            Instant began = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
            String killed = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(began) + "-dead",
                    working = "20260101T000000Z-busy";
            manifest(dir, killed, "{\"run_id\":\"" + killed + "\",\"status\":\"running\",\"started_at\":\"" + began + "\","
                    + "\"host\":\"" + InetAddress.getLocalHost().getHostName() + "\",\"pid\":" + ProcessHandle.current().pid()
                    + ",\"heartbeat_at\":\"" + Instant.now() + "\",\"heartbeat_seconds\":10}");
            // a run's files lie under the day it began
            Path ofKilled = write(dir.resolve("raw/ticketsauce/orders/load_date=" + LocalDate.ofInstant(began, ZoneOffset.UTC) + "/run_id=" + killed + "/"
                    + TEMP_PREFIX + "00001.json.gz"), half);
            Path ofComplete = write(orders.resolve(TEMP_PREFIX + "99999.json.gz"), half);
            Path manifestOfKilled = write(dir.resolve(Archive.manifestFolder(killed) + TEMP_PREFIX + "manifest.json"), "{\"run_id\":".getBytes());
            // and a load still at work on another machine, whose heartbeat is fresh
            manifest(dir, working, "{\"run_id\":\"" + working + "\",\"status\":\"running\",\"started_at\":\"" + Instant.now() + "\","
                    + "\"host\":\"another-machine\",\"pid\":1,\"heartbeat_at\":\"" + Instant.now() + "\",\"heartbeat_seconds\":10}");
            Path ofWorking = write(dir.resolve("raw/stripe/charges/load_date=2026-01-01/run_id=" + working + "/" + TEMP_PREFIX + "00001.json.gz"), half);

            EndToEndTest.refresh(pipeline);
            DuckDbLake lake = EndToEndTest.lake(pipeline);
            assertThat(EndToEndTest.tables(lake)).isEqualTo(lakes.cleanTables());
            assertThat(lake.status(RunList.SHOWN)).contains(killed + " abandoned", working + " running", complete.id() + " complete");
            assertThat(List.of(ofKilled, ofComplete, manifestOfKilled, ofWorking)).as("reading commands remove nothing").allMatch(Files::exists);

            assertThat(EndToEndTest.load(pipeline).status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(List.of(ofKilled, ofComplete, manifestOfKilled)).as("the next load removed the leftovers of ended runs")
                    .noneMatch(Files::exists);
            assertThat(ofWorking).as("a run still at work keeps its unfinished write").exists();
            EndToEndTest.refresh(pipeline);
            assertThat(EndToEndTest.tables(lake)).isEqualTo(lakes.cleanTables());
        }
    }

    /** {@code tw load} in a JVM of its own, pointed at the simulators as a user would point it. */
    static Process load(Path dir, Map<String, String> moreEnvironment) throws IOException {
        Path log = lakes.lake("load-" + dir.getFileName() + "-" + System.nanoTime() + ".log");
        return TwJvm.start(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), List.of("load", "--lake", dir.toString()), builder -> {
            builder.environment().putAll(SimulatedApis.environment(lakes.simulators()));
            builder.environment().putAll(moreEnvironment);
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        });
    }

    static long requests() {
        return lakes.simulators().ticketsauce().requestCount() + lakes.simulators().stripe().requestCount();
    }

    static Set<String> runIds(Path dir) throws IOException {
        Set<String> runs = new HashSet<>();
        if (Files.isDirectory(dir.resolve("manifests"))) {
            try (Stream<Path> files = Files.walk(dir.resolve("manifests"))) {
                files.filter(f -> f.getFileName().toString().equals("manifest.json"))
                        .forEach(f -> runs.add(RunLiveness.runIdOf(dir.relativize(f).toString())));
            }
        }
        return runs;
    }

    static List<Path> unfinishedWrites(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(TEMP_PREFIX)).toList();
        }
    }

    /** The finished archives of a run, by entity. */
    static Map<String, Long> finishedFiles(Path dir, String run) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir.resolve("raw"))) {
            for (Path file : all.filter(f -> f.getParent().getFileName().toString().equals("run_id=" + run)
                    && !f.getFileName().toString().startsWith(".")).toList()) {
                Path entity = dir.resolve("raw").relativize(file.getParent().getParent().getParent());
                files.merge(entity.toString().replace('\\', '/'), 1L, Long::sum);
            }
        }
        return files;
    }

    static Map<String, Long> filesCounted(JsonNode manifest) {
        Map<String, Long> files = new TreeMap<>();
        manifest.path("entities").fields().forEachRemaining(e -> {
            if (e.getValue().path("files").asLong() > 0) {
                files.put(e.getKey(), e.getValue().path("files").asLong());
            }
        });
        return files;
    }

    static void manifest(Path dir, String run, String json) throws IOException {
        write(dir.resolve(Archive.manifestKey(run)), json.getBytes());
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }
}
