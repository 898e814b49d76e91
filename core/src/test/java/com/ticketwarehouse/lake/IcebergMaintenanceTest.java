package com.ticketwarehouse.lake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.model.Table;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which tables the Iceberg maintenance asks Athena to maintain, and when: the tables MERGE changes in place,
 * those whose metadata file changed since their last maintenance, once a day. The statements' effect on the
 * tables is proved on the stand-in (AthenaStandInIT); here Athena is what the lake sends it.
 */
class IcebergMaintenanceTest {
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final List<SqlModel> MODELS = List.of(
            new SqlModel("staging", "stg_stripe_charges", "-- refresh: merge on charge_id\nSELECT 1 AS charge_id"),
            new SqlModel("staging", "stg_ticketsauce_orders", "-- refresh: merge on order_id\nSELECT 1 AS order_id"),
            new SqlModel("marts", "daily_sales", "SELECT 1 AS day"));

    @TempDir
    Path dir;

    final Map<String, String> glue = new TreeMap<>();
    final List<String> sent = new ArrayList<>();

    IcebergMaintenance maintenance() {
        return new IcebergMaintenance(new LakeFiles(new FolderStore(dir, ".writing-")), () -> glue.entrySet().stream()
                .map(t -> Table.builder().name(t.getKey()).parameters(Map.of("table_type", "ICEBERG", "metadata_location", t.getValue())).build())
                .toList(), sent::add);
    }

    @Test
    void the_merged_tables_that_changed_are_maintained_once_a_day_and_the_marts_made_anew_never() {
        assertThat(maintenance().ifDue(MODELS, NOW)).as("no Iceberg table yet").isEmpty();
        assertThat(sent).isEmpty();

        glue.putAll(Map.of("stg_stripe_charges", "s3://b/c/metadata/00001.json", "stg_ticketsauce_orders", "s3://b/o/metadata/00001.json",
                "daily_sales", "s3://b/d/metadata/00000.json"));
        assertThat(maintenance().ifDue(MODELS, NOW)).startsWith("maintenance (OPTIMIZE, VACUUM):\nstg_stripe_charges ")
                .contains("\nstg_ticketsauce_orders ").doesNotContain("daily_sales");
        assertThat(sent).containsExactly(
                "ALTER TABLE stg_stripe_charges SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds' = '86400')",
                "OPTIMIZE stg_stripe_charges REWRITE DATA USING BIN_PACK", "VACUUM stg_stripe_charges",
                "ALTER TABLE stg_ticketsauce_orders SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds' = '86400')",
                "OPTIMIZE stg_ticketsauce_orders REWRITE DATA USING BIN_PACK", "VACUUM stg_ticketsauce_orders");

        // the charges MERGEd into since; within the day nothing is asked, a day later only the charges
        sent.clear();
        glue.put("stg_stripe_charges", "s3://b/c/metadata/00007.json");
        assertThat(maintenance().ifDue(MODELS, NOW.plus(Duration.ofHours(23)))).isEmpty();
        assertThat(maintenance().ifDue(MODELS, NOW.plus(Duration.ofHours(24)))).doesNotContain("stg_ticketsauce_orders");
        assertThat(sent).containsExactly(
                "ALTER TABLE stg_stripe_charges SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds' = '86400')",
                "OPTIMIZE stg_stripe_charges REWRITE DATA USING BIN_PACK", "VACUUM stg_stripe_charges");

        sent.clear();
        assertThat(maintenance().ifDue(MODELS, NOW.plus(Duration.ofHours(48)))).isEqualTo("maintenance: no table changed since the last one\n");
        assertThat(sent).isEmpty();
    }

    @Test
    void a_statement_athena_refuses_says_the_tables_are_refreshed_and_the_maintenance_is_tried_again() {
        glue.put("stg_stripe_charges", "s3://b/c/metadata/00001.json");
        IcebergMaintenance refused = new IcebergMaintenance(new LakeFiles(new FolderStore(dir, ".writing-")), () -> List.of(Table.builder()
                .name("stg_stripe_charges").parameters(Map.of("metadata_location", "s3://b/c/metadata/00001.json")).build()), statement -> {
            throw new LakeException("Athena query 1 FAILED: ICEBERG_COMMIT_ERROR: a concurrent update");
        });
        assertThatThrownBy(() -> refused.ifDue(MODELS, NOW)).hasMessage("the Iceberg maintenance of stg_stripe_charges failed (the tables are "
                + "refreshed; the next transform that refreshes something tries it again): Athena query 1 FAILED: ICEBERG_COMMIT_ERROR: a concurrent update");
        assertThat(maintenance().ifDue(MODELS, NOW.plus(Duration.ofMinutes(15)))).as("tried again").contains("stg_stripe_charges");
    }
}
