package com.ticketwarehouse.emulators;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AthenaStatementsTest {
    @Test
    void a_statement_runs_in_athenas_catalog_without_its_closing_semicolon() {
        assertThat(AthenaStatements.forTrino("SELECT 1;\n", null)).isEqualTo(new AthenaStatements.Statement("SELECT 1", "awsdatacatalog"));
        assertThat(AthenaStatements.forTrino("SELECT 1", "AwsDataCatalog").catalog()).isEqualTo("awsdatacatalog");
    }

    @Test
    void a_hive_ctas_is_sent_as_it_is() {
        String ctas = "CREATE TABLE db.events WITH (format = 'PARQUET', external_location = 's3://b/lake/curated/events/') AS\nSELECT 1 AS id";
        assertThat(AthenaStatements.forTrino(ctas, null)).isEqualTo(new AthenaStatements.Statement(ctas, "awsdatacatalog"));
    }

    @Test
    void an_iceberg_ctas_runs_in_the_iceberg_catalog_without_the_properties_trino_lacks() {
        assertThat(AthenaStatements.forTrino("CREATE TABLE db.stg WITH (table_type = 'ICEBERG', is_external = false, "
                + "location = 's3://b/lake/staging/stg/', format = 'PARQUET', partitioning = ARRAY['day(ts)']) AS SELECT 1 AS id", null))
                .isEqualTo(new AthenaStatements.Statement("CREATE TABLE db.stg WITH (location = 's3://b/lake/staging/stg/', format = 'PARQUET', "
                        + "partitioning = ARRAY['day(ts)']) AS SELECT 1 AS id", "iceberg"));
        assertThat(AthenaStatements.forTrino("create table db.stg with (location = 's3://b/x/', table_type='iceberg') as select 1 as id", null))
                .isEqualTo(new AthenaStatements.Statement("create table db.stg with (location = 's3://b/x/') as select 1 as id", "iceberg"));
    }

    @Test
    void athenas_iceberg_maintenance_runs_as_trinos_table_procedures_in_the_iceberg_catalog() {
        assertThat(AthenaStatements.forTrino("OPTIMIZE stg_stripe_charges REWRITE DATA USING BIN_PACK", null))
                .isEqualTo(new AthenaStatements.Statement("ALTER TABLE stg_stripe_charges EXECUTE optimize", "iceberg"));
        assertThat(AthenaStatements.forTrino("optimize db.stg rewrite data using bin_pack where event_id = 7;", null))
                .isEqualTo(new AthenaStatements.Statement("ALTER TABLE db.stg EXECUTE optimize where event_id = 7", "iceberg"));
        assertThat(AthenaStatements.forTrino("VACUUM db.stg", null)).isEqualTo(new AthenaStatements.Statement("VACUUM db.stg", "iceberg", "db.stg"));
        assertThat(AthenaStatements.forTrino("ALTER TABLE stg SET TBLPROPERTIES ('vacuum_max_snapshot_age_seconds'='86400', "
                + "'vacuum_min_snapshots_to_keep' = '1')", null)).isEqualTo(new AthenaStatements.Statement("ALTER TABLE stg SET PROPERTIES "
                + "extra_properties = MAP(ARRAY['vacuum_max_snapshot_age_seconds', 'vacuum_min_snapshots_to_keep'], ARRAY['86400', '1'])", "iceberg"));
    }

    @Test
    void statement_types_are_athenas() {
        assertThat(AthenaStatements.type("CREATE TABLE x AS SELECT 1")).isEqualTo("DDL");
        assertThat(AthenaStatements.type("DROP TABLE IF EXISTS x")).isEqualTo("DDL");
        assertThat(AthenaStatements.type("(SELECT 1)")).isEqualTo("DML");
        assertThat(AthenaStatements.type("WITH a AS (SELECT 1) SELECT * FROM a")).isEqualTo("DML");
        assertThat(AthenaStatements.type("MERGE INTO x USING y ON true WHEN MATCHED THEN DELETE")).isEqualTo("DML");
        assertThat(AthenaStatements.type("SHOW TABLES")).isEqualTo("UTILITY");
    }
}
