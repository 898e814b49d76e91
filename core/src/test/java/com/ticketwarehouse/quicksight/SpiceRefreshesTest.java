package com.ticketwarehouse.quicksight;

import com.ticketwarehouse.archive.FingerprintsTest;
import com.ticketwarehouse.archive.StateFiles;
import com.ticketwarehouse.lake.SqlModels;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.quicksight.model.CreateIngestionRequest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SpiceRefreshesTest {
    /** What a complete run that archived new records of the entity leaves (Fingerprints.keep). */
    static void changed(StateFiles state, String entity, String run) {
        state.writeState("changes/" + entity, run.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void each_mart_reads_the_raw_entities_of_the_models_it_reads() {
        Map<String, Set<String>> entities = SqlModels.entitiesRead(SqlModels.load());
        assertThat(entities.get("stripe_payouts")).containsExactlyInAnyOrder("stripe/payouts", "stripe/events");
        assertThat(entities.get("stripe_refunds")).containsExactlyInAnyOrder("stripe/refunds", "stripe/events");
        assertThat(entities.get("events")).contains("ticketsauce/events", "ticketsauce/orders", "ticketsauce/checkins")
                .doesNotContain("stripe/refunds");
    }

    @Test
    void a_data_set_is_ingested_when_its_mart_changed_and_no_sooner_than_the_daily_limit_allows() {
        FingerprintsTest.InMemoryState state = new FingerprintsTest.InMemoryState();
        Instant t0 = Instant.parse("2026-11-29T18:00:00Z");
        changed(state, "stripe/refunds", "20261129T175500Z-1000");
        QuickSightProvisionerTest.RecordingQuickSight quicksight = new QuickSightProvisionerTest.RecordingQuickSight();
        QuickSightConfig spice = QuickSightProvisionerTest.config(QuickSightConfig.ImportMode.SPICE, true);
        SpiceRefreshes refreshes = new SpiceRefreshes(state, 32, SqlModels.load(), java.time.Clock.fixed(t0, java.time.ZoneOffset.UTC));
        Map<String, String> before = refreshes.tablesAsOf();

        String first = QuickSightProvisionerTest.provisioner(quicksight.client(), spice, state, t0).ingestAfterTransform("", before);
        assertThat(first).containsPattern("SPICE ingestion +ticket-warehouse-test-stripe-refunds +completed");
        java.util.function.Supplier<Long> refundIngestions = () -> quicksight.sent(CreateIngestionRequest.class).stream()
                .filter(r -> r.dataSetId().endsWith("-stripe-refunds")).count();
        assertThat(refundIngestions.get()).isOne();

        // 15 minutes on, nothing new: no ingestion at all
        String unchanged = QuickSightProvisionerTest.provisioner(quicksight.client(), spice, state, t0.plusSeconds(900))
                .ingestAfterTransform("", refreshes.tablesAsOf());
        assertThat(unchanged).containsPattern("ticket-warehouse-test-stripe-refunds +not now: unchanged since its ingestion at 2026-11-29T18:00:00Z");
        assertThat(refundIngestions.get()).isOne();

        // a Ticketsauce change leaves the refunds alone; a refunds change waits for the 45 minutes 32 a day allow
        changed(state, "ticketsauce/orders", "20261129T181000Z-1000");
        changed(state, "stripe/refunds", "20261129T181000Z-1000");
        assertThat(QuickSightProvisionerTest.provisioner(quicksight.client(), spice, state, t0.plusSeconds(900)).staleness(""))
                .contains("ticket-warehouse-test-stripe-refunds: shows the data of 2026-11-29T18:00:00Z; the tables are newer");
        String tooSoon = QuickSightProvisionerTest.provisioner(quicksight.client(), spice, state, t0.plusSeconds(1800))
                .ingestAfterTransform("", refreshes.tablesAsOf());
        assertThat(tooSoon).containsPattern("ticket-warehouse-test-stripe-refunds +not now: changed; next ingestion from 2026-11-29T18:45:00Z");
        String due = QuickSightProvisionerTest.provisioner(quicksight.client(), spice, state, t0.plusSeconds(2700))
                .ingestAfterTransform("", refreshes.tablesAsOf());
        assertThat(due).containsPattern("ticket-warehouse-test-stripe-refunds +completed");
        assertThat(refundIngestions.get()).isEqualTo(2);
        assertThat(QuickSightProvisionerTest.provisioner(quicksight.client(), spice, state, t0.plusSeconds(2800)).staleness(""))
                .doesNotContain("stripe-refunds");
    }
}
