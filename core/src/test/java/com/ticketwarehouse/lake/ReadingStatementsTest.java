package com.ticketwarehouse.lake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check Athena's queries pass before they run: one statement that reads, in Athena's dialect. */
class ReadingStatementsTest {
    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM events", "  select 1", "WITH x AS (SELECT 1) SELECT * FROM x", "(SELECT 1) UNION (SELECT 2)",
            "VALUES 1, 2", "TABLE events", "SHOW TABLES", "SHOW CREATE TABLE events", "DESCRIBE events", "EXPLAIN SELECT 1",
            "EXPLAIN ANALYZE SELECT count(*) FROM events", "EXPLAIN (FORMAT JSON) SELECT 1", "-- why\nSELECT 1", "/* a; b */ SELECT 1;",
            "SELECT 'a;b' AS s", "SELECT \"x;y\" FROM t", "SELECT 'it''s; DROP TABLE x' AS s;  -- done"})
    void statements_that_read_pass(String sql) {
        assertThatCode(() -> ReadingStatements.require(sql)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DROP TABLE events", "drop table events", "DELETE FROM events", "INSERT INTO events SELECT * FROM events",
            "CREATE TABLE x AS SELECT 1", "CREATE EXTERNAL TABLE x (a int) LOCATION 's3://b/'", "ALTER TABLE events ADD COLUMNS (x int)",
            "MSCK REPAIR TABLE events", "UNLOAD (SELECT 1) TO 's3://b/x/' WITH (format = 'JSON')", "UPDATE events SET x = 1",
            "MERGE INTO events USING x ON true WHEN MATCHED THEN DELETE", "EXPLAIN ANALYZE INSERT INTO events SELECT * FROM events",
            "EXPLAIN ANALYZE DROP TABLE events", "/* SELECT */ DROP TABLE events", "-- SELECT\nDELETE FROM events", "(DELETE FROM events)",
            "VACUUM events", "OPTIMIZE events REWRITE DATA USING BIN_PACK", "", "  "})
    void statements_that_change_the_lake_are_refused_in_one_line(String sql) {
        assertThatThrownBy(() -> ReadingStatements.require(sql)).isInstanceOf(LakeException.class)
                .hasMessageStartingWith("query only reads: ").hasMessageEndingWith("refused and the lake is unchanged "
                        + "(load, crawl, transform and purge are the commands that change it)")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1; DROP TABLE events", "SELECT 1;DELETE FROM events", "SELECT ';'; INSERT INTO x VALUES (1)",
            "SELECT 1; -- then\n DROP TABLE events", "SELECT 1; SELECT 2"})
    void a_second_statement_is_refused(String sql) {
        assertThatThrownBy(() -> ReadingStatements.require(sql)).isInstanceOf(LakeException.class)
                .hasMessage("query runs one statement, and this text holds more than one: run them one at a time");
    }
}
