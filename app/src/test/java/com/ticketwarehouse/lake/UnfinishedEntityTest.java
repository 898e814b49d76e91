package com.ticketwarehouse.lake;

import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crawl and a transform while a load has only begun an entity: its folder holds hidden spool
 * files and no finished object, which DuckDB would fail to read ("No files found that match the
 * pattern"); the entity is an empty table until its first object is stored.
 */
class UnfinishedEntityTest {
    @TempDir
    Path dir;

    @Test
    void an_entity_with_no_finished_object_is_an_empty_table_and_neither_crawl_nor_transform_fails() throws Exception {
        try (Simulators simulators = Simulators.start(3, Scale.named("4x10"), FaultPlan.none(), Instant.now(), 0, 0);
             Pipeline pipeline = Pipeline.start(EndToEndTest.settings(simulators, dir))) {
            assertThat(pipeline.call("load", null, Map.of(Loads.SOURCE, "ticketsauce", Loads.TIME_RANGE, "all"), LoadRun.class).status())
                    .isEqualTo(LoadRun.COMPLETE);
            // a Stripe load under way: its first page spooled, no object stored yet
            Path spooling = dir.resolve("raw/stripe/balance_transactions/load_date=2026-12-06/run_id=20261206T120000Z-abcd");
            Files.createDirectories(spooling);
            Files.write(spooling.resolve(".writing-spool-part-00000.json.gz"), new byte[] {31, -117});

            String report = pipeline.call("crawl", null, Map.of(), String.class);
            assertThat(report).contains("raw_stripe_balance_transactions: no archives yet");
            pipeline.call("transform", null, Map.of(), String.class);
            DuckDbLake lake = pipeline.context().getRegistry().lookupByNameAndType("lake", DuckDbLake.class);
            assertThat(lake.scalar("SELECT count(*) FROM raw_stripe_balance_transactions").longValue()).isZero();
            assertThat(lake.scalar("SELECT count(*) FROM raw_ticketsauce_events").longValue()).isPositive();
        }
    }
}
