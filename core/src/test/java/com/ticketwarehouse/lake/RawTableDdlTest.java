package com.ticketwarehouse.lake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RawTableDdlTest {
    @Test
    void a_table_of_an_archive_takes_the_columns_and_storage_every_archive_shares() {
        String written = "CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_balance_transactions` (\n  ${archive_columns},\n  `id` string\n)\n"
                + "${archive_storage};";
        String whole = "CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_balance_transactions` (`tw_fetched_at` string, "
                + "`tw_source_run` string, `tw_source_object` string, `id` string) PARTITIONED BY (`load_date` string, `run_id` string) "
                + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '${lake}/raw/stripe/balance_transactions/' "
                + "TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');";
        assertThat(RawTableDdl.parse(written)).isEqualTo(RawTableDdl.parse(whole));
    }

    @Test
    void every_raw_table_but_the_manifests_is_an_archive_of_its_source_and_entity() {
        for (RawTableDdl.Table table : RawTableDdl.tables()) {
            if (table.name().equals("load_runs")) {
                assertThat(table.location("s3://b/p")).isEqualTo("s3://b/p/manifests/");
                continue;
            }
            assertThat(table.columns().subList(0, 3)).extracting(RawTableDdl.Column::name)
                    .containsExactly("tw_fetched_at", "tw_source_run", "tw_source_object");
            assertThat(table.partitions()).containsExactly(new RawTableDdl.Column("load_date", "string"), new RawTableDdl.Column("run_id", "string"));
            assertThat(RawTables.name(table.location("").split("/")[2], table.location("").split("/")[3])).isEqualTo(table.name());
            assertThat(table.properties()).containsEntry("compressionType", "gzip");
        }
        assertThat(RawTableDdl.tables()).extracting(RawTableDdl.Table::name).contains("raw_stripe_charges", "raw_ticketsauce_orders", "load_runs");
    }
}
