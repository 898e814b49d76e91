package com.ticketwarehouse.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.cli.QuickSightCommand;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.runtime.RouteFolders;
import com.ticketwarehouse.serve.DemoLake;
import com.ticketwarehouse.settings.Settings;
import com.ticketwarehouse.testing.Closing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.quicksight.QuickSightClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./tw quicksight against moto, through the routes: what moto recorded (its own API answers, and
 * the dashboards' definitions from /moto-api/data.json) is what the definitions say; a second run
 * makes nothing twice; a differing data source is updated; another environment gets its own ids.
 * moto serves no DeleteDashboard, DeleteDataSet, analyses, UpdateDashboard or DescribeIngestion:
 * those requests are checked in QuickSightProvisionerTest (core).
 */
@Tag("emulators")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuickSightTest {
    static final String DATABASE = "ticket_warehouse_test", WORKGROUP = "tw-analytics", PREFIX = "ticket-warehouse-test";

    static MotoServer moto;
    static QuickSightClient quicksight;
    static Map<String, Dashboard> dashboards;
    static Set<String> marts = new TreeSet<>();
    static String previousMaxAttempts;

    @BeforeAll
    static void start() {
        // moto answers 500 for what it lacks: no retries
        previousMaxAttempts = System.setProperty("aws.maxAttempts", "1");
        moto = MotoServer.start();
        quicksight = QuickSightClient.builder().build();
        dashboards = Dashboards.load();
        dashboards.values().forEach(d -> marts.addAll(d.columnsByMart().keySet()));
        // the marts as the aws target's transform registers them in Glue, with the columns the models really make
        DemoLake demo = DemoLake.get();
        try (GlueClient glue = moto.glue()) {
            glue.createDatabase(r -> r.databaseInput(d -> d.name(DATABASE)));
            for (String mart : marts) {
                List<Column> columns = new ArrayList<>();
                demo.columnTypes(mart).forEach((name, type) -> columns.add(Column.builder().name(name).type(hive(type)).build()));
                glue.createTable(r -> r.databaseName(DATABASE).tableInput(t -> t.name(mart).storageDescriptor(s -> s.columns(columns))));
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        Closing.all(quicksight, moto);
        if (previousMaxAttempts == null) {
            System.clearProperty("aws.maxAttempts");
        } else {
            System.setProperty("aws.maxAttempts", previousMaxAttempts);
        }
    }

    static Map<String, String> settings(String env, String importMode) {
        // as ./tw quicksight starts the pipeline: with the routes of its steps
        Map<String, String> settings = new LinkedHashMap<>(RouteFolders.including(QuickSightCommand.ROUTES));
        settings.put("tw.target", Settings.AWS);
        settings.put("tw.aws.bucket", "tw-quicksight-test");
        settings.put("tw.aws.env", env);
        settings.put("tw.aws.database", DATABASE);
        settings.put("tw.aws.athena-workgroup", WORKGROUP);
        settings.put("tw.aws.poll-ms", "20");
        settings.put("tw.progress", "false");
        // the API credentials are not needed here; set, so that no secret is looked for
        settings.put("ticketsauce.client-id", "unused");
        settings.put("ticketsauce.client-secret", "unused");
        settings.put("stripe.api-key", "unused");
        settings.put("tw.quicksight.authors", "group/analysts");
        settings.put("tw.quicksight.readers", "group/venue-managers,user/alice");
        settings.put("tw.quicksight.import-mode", importMode);
        // moto has no CreateAnalysis: the analyses' requests are checked in QuickSightRequestsTest
        settings.put("tw.quicksight.analyses", "false");
        return settings;
    }

    static String call(String env, String step) {
        try (Pipeline pipeline = Pipeline.start(settings(env, "DIRECT_QUERY"))) {
            return pipeline.call("quicksight-" + step, null, Map.of(), String.class);
        }
    }

    @Test
    @Order(1)
    void all_makes_the_data_source_the_data_sets_and_the_published_dashboards() {
        String report = call("test", "all");
        assertThat(report).contains("data source      ticket-warehouse-test-athena                     created (Athena, workgroup tw-analytics)");
        for (String mart : marts) {
            assertThat(report).contains("data set         " + PREFIX + "-" + mart.replace('_', '-'));
        }
        for (String name : dashboards.keySet()) {
            assertThat(report).containsPattern("dashboard +" + PREFIX + "-" + name.replace('_', '-') + " +created and published");
        }
        // what moto answers through the API
        var source = quicksight.describeDataSource(r -> r.awsAccountId(ACCOUNT).dataSourceId(PREFIX + "-athena")).dataSource();
        assertThat(source.typeAsString()).isEqualTo("ATHENA");
        assertThat(source.dataSourceParameters().athenaParameters().workGroup()).isEqualTo(WORKGROUP);
        var published = quicksight.describeDashboard(r -> r.awsAccountId(ACCOUNT).dashboardId(PREFIX + "-sales")).dashboard();
        assertThat(published.name()).isEqualTo("Sales");
        assertThat(published.version().description()).startsWith("ticket-warehouse definition ");

        // what moto recorded: one data set per mart the dashboards read, and each dashboard's definition as sent
        JsonNode recorded = moto.data().path("quicksight");
        assertThat(ids(recorded.path("QuicksightDataSet"), "arn")).containsExactlyInAnyOrderElementsOf(
                marts.stream().map(m -> "arn:aws:quicksight:us-east-1:" + ACCOUNT + ":data-set/" + PREFIX + "-" + m.replace('_', '-')).toList());
        assertThat(ids(recorded.path("QuicksightDashboard"), "dashboard_id")).containsExactlyInAnyOrderElementsOf(
                dashboards.keySet().stream().map(n -> PREFIX + "-" + n.replace('_', '-')).toList());
        for (JsonNode dashboard : recorded.path("QuicksightDashboard")) {
            String name = dashboard.path("dashboard_id").asText().substring(PREFIX.length() + 1).replace('-', '_');
            Dashboard d = dashboards.get(name);
            JsonNode definition = dashboard.path("definition");
            JsonNode sheet = definition.path("Sheets").path(0);
            List<String> visuals = new ArrayList<>();
            sheet.path("Visuals").forEach(v -> v.fields().forEachRemaining(kind -> visuals.add(kind.getValue().path("VisualId").asText()
                    + ":" + kind.getKey())));
            assertThat(visuals).as(name).isEqualTo(d.visuals().stream().map(v -> v.id() + ":" + KINDS.get(v.type().name())).toList());
            List<String> declared = new ArrayList<>();
            definition.path("DataSetIdentifierDeclarations").forEach(n -> declared.add(n.path("Identifier").asText() + "=" + n.path("DataSetArn").asText()));
            assertThat(declared).as(name).containsExactlyInAnyOrderElementsOf(d.columnsByMart().keySet().stream()
                    .map(m -> m + "=arn:aws:quicksight:us-east-1:" + ACCOUNT + ":dataset/" + PREFIX + "-" + m.replace('_', '-')).toList());
            List<String> parameters = new ArrayList<>();
            definition.path("ParameterDeclarations").forEach(p -> p.fields().forEachRemaining(kind -> parameters.add(kind.getValue().path("Name").asText())));
            assertThat(parameters).as(name).containsExactly("dateFrom", "dateTo", "venue", "event");
            assertThat(sheet.path("ParameterControls")).as(name).hasSize(4);
            assertThat(dashboard.path("permissions").toString()).as(name)
                    .contains("arn:aws:quicksight:us-east-1:" + ACCOUNT + ":group/default/analysts", "quicksight:UpdateDashboardPublishedVersion",
                            "arn:aws:quicksight:us-east-1:" + ACCOUNT + ":group/default/venue-managers",
                            "arn:aws:quicksight:us-east-1:" + ACCOUNT + ":user/default/alice");
            assertThat(dashboard.path("dashboard_publish_options").path("ExportToCSVOption").path("AvailabilityStatus").asText()).isEqualTo("ENABLED");
        }
        JsonNode sales = byId(recorded.path("QuicksightDashboard"), "dashboard_id", PREFIX + "-sales").path("definition");
        JsonNode dateFilter = byId(sales.path("FilterGroups"), "FilterGroupId", "date-ticket-sales").path("Filters").path(0).path("TimeRangeFilter");
        assertThat(dateFilter.path("Column").path("ColumnName").asText()).isEqualTo("paid_at_utc");
        assertThat(dateFilter.path("RangeMinimumValue").path("Parameter").asText()).isEqualTo("dateFrom");
        assertThat(dateFilter.path("RangeMaximumValue").path("Parameter").asText()).isEqualTo("dateTo");
        JsonNode venueFilter = byId(sales.path("FilterGroups"), "FilterGroupId", "venue-ticket-sales").path("Filters").path(0).path("CategoryFilter");
        assertThat(venueFilter.path("Column").path("ColumnName").asText()).isEqualTo("venue_title");
        assertThat(venueFilter.path("Configuration").path("CustomFilterConfiguration").path("ParameterName").asText()).isEqualTo("venue");
        JsonNode gross = sales.path("Sheets").path(0).path("Visuals").path(0).path("KPIVisual");
        JsonNode grossField = gross.path("ChartConfiguration").path("FieldWells").path("Values").path(0).path("NumericalMeasureField");
        assertThat(grossField.path("Column").path("ColumnName").asText()).isEqualTo("total");
        assertThat(grossField.path("FormatConfiguration").path("FormatConfiguration").path("CurrencyDisplayFormatConfiguration")
                .path("Symbol").asText()).isEqualTo("USD");
    }

    @Test
    @Order(2)
    void a_second_run_changes_nothing_and_makes_nothing_twice() {
        String report = call("test", "all");
        assertThat(report).contains("data source      ticket-warehouse-test-athena                     unchanged");
        for (String name : dashboards.keySet()) {
            assertThat(report).containsPattern("dashboard +" + PREFIX + "-" + name.replace('_', '-') + " +unchanged");
        }
        JsonNode recorded = moto.data().path("quicksight");
        assertThat(recorded.path("QuickSightDataSource")).hasSize(1);
        // moto cannot describe a data set (404), so the step sends CreateDataSet again and moto keeps both;
        // QuickSight describes it and compares instead. Still one distinct data set per mart:
        assertThat(new TreeSet<>(ids(recorded.path("QuicksightDataSet"), "arn"))).hasSize(marts.size());
        assertThat(recorded.path("QuicksightDashboard")).hasSize(dashboards.size());
        assertThat(quicksight.listDashboards(r -> r.awsAccountId(ACCOUNT)).dashboardSummaryList()).hasSize(dashboards.size());
    }

    @Test
    @Order(3)
    void what_differs_is_updated_and_another_environment_gets_its_own() {
        Map<String, String> otherWorkgroup = settings("test", "DIRECT_QUERY");
        otherWorkgroup.put("tw.aws.athena-workgroup", "tw-reporting");
        try (Pipeline pipeline = Pipeline.start(otherWorkgroup)) {
            assertThat(pipeline.call("quicksight-source", null, Map.of(), String.class))
                    .isEqualTo(String.format("%-16s %-48s %s%n", "data source", PREFIX + "-athena", "updated (Athena, workgroup tw-reporting)"));
        }
        assertThat(quicksight.describeDataSource(r -> r.awsAccountId(ACCOUNT).dataSourceId(PREFIX + "-athena")).dataSource()
                .dataSourceParameters().athenaParameters().workGroup()).isEqualTo("tw-reporting");
        assertThat(call("prod", "source")).contains("ticket-warehouse-prod-athena", "created");
        assertThat(quicksight.listDataSources(r -> r.awsAccountId(ACCOUNT)).dataSources()).extracting(s -> s.dataSourceId())
                .containsExactlyInAnyOrder(PREFIX + "-athena", "ticket-warehouse-prod-athena");
    }

    static final String ACCOUNT = "123456789012";
    static final Map<String, String> KINDS = Map.of("KPI", "KPIVisual", "BAR", "BarChartVisual", "LINE", "LineChartVisual",
            "TABLE", "TableVisual", "PIVOT", "PivotTableVisual");

    static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }

    static JsonNode byId(JsonNode array, String field, String id) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + id + " in " + array);
    }

    static String hive(String duckdbType) {
        String type = duckdbType.toUpperCase();
        if (type.startsWith("DECIMAL")) {
            return type.toLowerCase();
        }
        return switch (type) {
            case "BIGINT", "HUGEINT" -> "bigint";
            case "INTEGER" -> "int";
            case "DOUBLE" -> "double";
            case "BOOLEAN" -> "boolean";
            case "TIMESTAMP" -> "timestamp";
            case "DATE" -> "date";
            default -> "string";
        };
    }
}
