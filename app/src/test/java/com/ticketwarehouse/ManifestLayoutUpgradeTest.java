package com.ticketwarehouse;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder lake written before manifests were filed by day (every run's in {@code manifests/run_id=<run>/})
 * is moved to the day folders by its next load, and load_runs and the tables read it whole.
 */
class ManifestLayoutUpgradeTest {
    @TempDir
    Path dir;

    @Test
    void the_next_load_files_an_older_lakes_manifests_by_day_and_load_runs_and_the_tables_read_every_run() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Simulators simulators = Simulators.start(5, Scale.named("4x10"), FaultPlan.none(), now, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(simulators))) {
            DuckDbLake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
            LoadRun first = load(pipeline);
            pipeline.call("crawl", null, Map.of(), String.class);
            pipeline.call("transform", null, Map.of(), String.class);
            // as a lake of an earlier version holds it
            Files.move(dir.resolve(Archive.manifestFolder(first.id())), dir.resolve("manifests/run_id=" + first.id()));
            Files.delete(dir.resolve("manifests/load_date=" + first.loadDate()));
            assertThat(lake.files().manifest(first.id())).as("read where it lies").isNotNull();

            LoadRun second = load(pipeline);

            assertThat(dir.resolve(Archive.manifestKey(first.id()))).exists();
            try (Stream<Path> top = Files.list(dir.resolve("manifests"))) {
                assertThat(top.map(p -> p.getFileName().toString())).allMatch(name -> name.startsWith("load_date="));
            }
            assertThat(lake.scalar("SELECT count(*) FROM load_runs WHERE run_id IN ('" + first.id() + "', '" + second.id() + "')").longValue())
                    .isEqualTo(2);
            pipeline.call("transform", null, Map.of(), String.class);
            EndToEndTest.assertEqualsGroundTruth(lake, simulators.groundTruth());
        }
    }

    /** The local target, each step called by itself: a load does not refresh. */
    private Map<String, String> settings(Simulators simulators) {
        Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(simulators, dir));
        settings.put("tw.sync.transform", "false");
        return settings;
    }

    private static LoadRun load(Pipeline pipeline) {
        LoadRun run = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), LoadRun.class);
        assertThat(run.status()).isEqualTo(LoadRun.COMPLETE);
        return run;
    }
}
