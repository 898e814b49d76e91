package com.ticketwarehouse.lake;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of failed model says what is wrong and what to do, from DuckDB's and from Athena's messages. */
class ModelFailuresTest {
    static final SqlModel ORDERS = new SqlModel("staging", "stg_ticketsauce_orders", "SELECT 1");

    static String explain(String message) {
        return ModelFailures.of(ORDERS, message, " (nothing was changed)").getMessage();
    }

    @Test
    void a_model_that_is_wrong_is_named_with_its_file() {
        assertThat(explain("Binder Error: Referenced column \"totl\" not found in FROM clause!"))
                .isEqualTo("SQL model models/staging/stg_ticketsauce_orders.sql failed: Binder Error: Referenced column \"totl\" not found "
                        + "in FROM clause! (nothing was changed); fix the model and run './tw transform' again");
        assertThat(explain("SYNTAX_ERROR: line 3:8: Column 'totl' cannot be resolved")).startsWith("SQL model models/staging/"
                + "stg_ticketsauce_orders.sql failed: SYNTAX_ERROR").endsWith("fix the model and run './tw transform' again");
    }

    @Test
    void raw_tables_that_are_not_there_mean_no_crawl_yet() {
        assertThat(explain("Catalog Error: Table with name raw_ticketsauce_orders does not exist!")).startsWith("transform found no raw "
                + "tables to read").endsWith("run './tw crawl' first (after './tw load'), then './tw transform' (nothing was changed)");
        assertThat(explain("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.tw.raw_stripe_charges' does not exist"))
                .startsWith("transform found no raw tables to read").contains("run './tw crawl' first");
    }

    @Test
    void a_value_that_cannot_be_typed_is_bad_data_not_a_bad_model() {
        for (String message : new String[] {"Conversion Error: Could not convert string 'lots' to DECIMAL(12,2)",
                "Invalid Input Error: Malformed JSON in file \"raw/x.json.gz\"", "INVALID_CAST_ARGUMENT: Cannot cast 'lots' to DECIMAL",
                "HIVE_BAD_DATA: Error parsing field value 'lots' for field 3"}) {
            assertThat(explain(message)).as(message).startsWith("SQL model models/staging/stg_ticketsauce_orders.sql cannot read a value in "
                    + "the archives: " + message + " (nothing was changed); the data is bad, not the model");
        }
    }

    @Test
    void a_lake_that_cannot_be_read_is_a_bad_setup() {
        for (String message : new String[] {"IO Error: No files found that match the pattern \"/lake/raw/x/*.json.gz\"",
                "Permission Error: Cannot access file", "IO Error: Cannot open file \"/lake/raw/x.json.gz\": Permission denied",
                "Athena InvalidRequestException: WorkGroup does not exist", "Access Denied (Service: S3, Status Code: 403)"}) {
            assertThat(explain(message)).as(message).startsWith("transform cannot run models/staging/stg_ticketsauce_orders.sql on this lake: ")
                    .contains("the setup is wrong, not the model");
        }
    }
}
