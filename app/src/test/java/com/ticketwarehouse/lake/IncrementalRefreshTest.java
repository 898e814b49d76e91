package com.ticketwarehouse.lake;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An incremental refresh ends with the tables a full rebuild makes from the same lake, row for row,
 * after a seeded random sequence of syncs, late completions, killed runs and runs read twice
 * ({@link RefreshSequence}); on the stand-in, AthenaStandInIT does the same.
 */
class IncrementalRefreshTest {
    @TempDir
    Path dir;

    @Test
    void incremental_refreshes_equal_a_full_rebuild_after_random_syncs_kills_and_late_completions() throws Exception {
        for (long seed : new long[] {11, 12}) {
            assertIncrementalEqualsFull(seed, dir.resolve("seed-" + seed));
        }
    }

    private static void assertIncrementalEqualsFull(long seed, Path lakeDir) throws Exception {
        Instant now = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS);
        try (Simulators simulators = Simulators.start(seed, Scale.named("6x20"), FaultPlan.none(), now, 0, 0);
             Pipeline pipeline = Pipeline.start(settings(simulators, lakeDir))) {
            DuckDbLake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
            RefreshSequence.Outcome outcome = RefreshSequence.run(seed, 10, simulators, now, pipeline, lake,
                    () -> pipeline.call("crawl", null, Map.of(), String.class), () -> lake.transform(false));
            assertThat(lake.transform(false)).as("a refresh with nothing new").startsWith("refresh: no complete run since the last refresh");

            Path copy = lakeDir.resolveSibling(lakeDir.getFileName() + "-full");
            EndToEndTest.copy(lakeDir, copy);
            DuckDbLake full = new DuckDbLake(copy, Entities.ALL, ".writing-");
            assertThat(full.transform(true)).startsWith("full refresh (asked for)");
            Map<String, String> incremental = RefreshSequence.tables(lake), rebuilt = RefreshSequence.tables(full);
            assertThat(incremental.get("stg_stripe_charges").lines().count()).as("seed " + seed + ": charges").isGreaterThan(10);
            for (String table : rebuilt.keySet()) {
                assertThat(incremental.get(table)).as("seed " + seed + " (" + outcome + "): " + table).isEqualTo(rebuilt.get(table));
            }
        }
    }

    /** The test's own refreshes only: a sync does not transform. */
    static Map<String, String> settings(Simulators simulators, Path lakeDir) {
        Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(simulators, lakeDir));
        settings.put("tw.sync.transform", "false");
        return settings;
    }
}
