package com.ticketwarehouse.lake;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlModelsTest {
    @Test
    void every_model_comes_after_the_models_it_reads() {
        List<SqlModel> models = SqlModels.load();
        List<String> names = models.stream().map(SqlModel::name).toList();
        assertThat(names).contains("stg_ticketsauce_orders", "tickets", "ticket_sales", "payment_reconciliation");
        for (SqlModel model : models) {
            for (SqlModel other : models) {
                if (SqlModels.mentions(model.select(), other.name()) && model != other) {
                    assertThat(names.indexOf(other.name())).as(model.name() + " reads " + other.name())
                            .isLessThan(names.indexOf(model.name()));
                }
            }
        }
    }

    @Test
    void the_columns_a_select_names_are_its_words_outside_comments_and_strings_or_all_for_a_star() {
        List<String> columns = List.of("order_id", "email", "tickets", "paid_at_utc");
        assertThat(SqlModels.columnsNamed("-- the email is not read\nSELECT o.order_id, 'tickets' AS kind, count(*) FROM orders o GROUP BY o.order_id", columns))
                .containsExactly("order_id");
        assertThat(SqlModels.columnsNamed("SELECT o.* FROM orders o", columns)).isEqualTo(columns);
        assertThat(SqlModels.columnsNamed("SELECT x FROM (SELECT * FROM orders) o", columns)).isEqualTo(columns);
        assertThat(SqlModels.columnsNamed("SELECT amount * 2 AS twice, PAID_AT_UTC FROM orders", columns)).containsExactly("paid_at_utc");
    }

    @Test
    void each_model_file_is_one_select() {
        for (SqlModel model : SqlModels.load()) {
            String code = model.select().replaceAll("(?m)--.*$", "").strip();
            assertThat(code).as(model.file()).startsWithIgnoringCase("SELECT").doesNotContain(";");
        }
    }

    @Test
    void a_cycle_is_reported() {
        SqlModel a = new SqlModel("marts", "a", "SELECT * FROM b");
        SqlModel b = new SqlModel("marts", "b", "SELECT * FROM a");
        assertThatThrownBy(() -> SqlModels.ordered(List.of(a, b))).hasMessageContaining("cycle");
        assertThat(SqlModels.mentions("SELECT * FROM orders_extra", "orders")).isFalse();
        assertThat(SqlModels.mentions("select 1 from x join orders o on true", "orders")).isTrue();
    }

    @Test
    void a_model_names_its_table_properties_in_a_comment() {
        SqlModel bucketed = new SqlModel("marts", "m", "-- one row per x\n-- table properties: bucketed_by = ARRAY['event_id'], bucket_count = 32\nSELECT 1");
        assertThat(bucketed.parquetWith("external_location = 's3://b/p/'"))
                .isEqualTo("WITH (format = 'PARQUET', external_location = 's3://b/p/', bucketed_by = ARRAY['event_id'], bucket_count = 32)");
        assertThat(new SqlModel("marts", "n", "SELECT 1").parquetWith()).isEqualTo("WITH (format = 'PARQUET')");
    }

    @Test
    void schema_changes_name_added_changed_and_removed_columns() {
        String report = RawTables.schemaChanges("raw_x", Map.of("a", "VARCHAR", "b", "BIGINT"), Map.of("a", "VARCHAR", "b", "DOUBLE", "c", "JSON"));
        assertThat(report).contains("raw_x: ~ b BIGINT -> DOUBLE", "raw_x: + c JSON");
        assertThat(RawTables.schemaChanges("raw_x", Map.of("a", "VARCHAR"), Map.of())).contains("raw_x: - a");
        assertThat(RawTables.schemaChanges("raw_x", Map.of(), Map.of("a", "VARCHAR"))).contains("new table, 1 columns");
    }

    @Test
    void csv_fields_are_quoted_only_when_needed() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
