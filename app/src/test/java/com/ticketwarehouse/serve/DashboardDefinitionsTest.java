package com.ticketwarehouse.serve;

import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The build fails when a dashboard names a mart or column the models do not make: every
 * definition is checked against the marts of a lake the pipeline really built.
 */
class DashboardDefinitionsTest {
    @Test
    void every_mart_and_column_the_dashboards_name_exists_in_the_lake() throws Exception {
        DemoLake demo = DemoLake.get();
        Set<String> martNames = SqlModels.load().stream().filter(m -> m.layer().equals("marts")).map(SqlModel::name).collect(Collectors.toSet());
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        Map<String, Set<String>> marts;
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + demo.dir.resolve(ReadOnlyMarts.DATABASE), readOnly)) {
            marts = ReadOnlyMarts.columns(db);
        }
        marts.keySet().retainAll(martNames);
        assertThat(marts.keySet()).as("every mart was built").isEqualTo(martNames);
        assertThatCode(() -> Dashboards.requireColumns(Dashboards.load().values(), marts)).doesNotThrowAnyException();
    }
}
