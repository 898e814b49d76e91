package com.ticketwarehouse.dashboards;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The definitions' shape, and what the check against the marts reports. Checked against the real marts in DashboardDefinitionsTest (app). */
class DashboardsTest {
    static final String GOOD = """
            title: T
            filters:
              date: { label: Paid, type: date_range }
              venue: { label: Venue, type: choice, options: { mart: events, value: venue_title } }
            marts:
              ticket_sales: { date: paid_at_utc, venue: venue_title }
            visuals:
              - { id: gross, type: kpi, mart: ticket_sales, measures: [gross] }
              - id: by_day
                type: line
                mart: ticket_sales
                dimensions: [{ column: paid_at_utc, by: day }]
                measures: [{ metric: tickets, running_total: true }]
            """;

    static final Metrics METRICS = Metrics.load();

    @Test
    void the_project_has_the_four_dashboards_with_every_kind_of_visual_filter_and_format() {
        Map<String, Dashboard> dashboards = Dashboards.load();
        assertThat(dashboards).containsKeys("sales", "event_settlement", "payments", "attendance");
        List<Visual> visuals = dashboards.values().stream().flatMap(d -> d.visuals().stream()).toList();
        assertThat(visuals).extracting(Visual::type).contains(Visual.VisualType.values());
        assertThat(visuals.stream().flatMap(v -> v.measures().stream()).map(Measure::format)).contains(Format.MONEY, Format.PERCENT);
        dashboards.values().forEach(d -> assertThat(d.filters()).as(d.file()).containsKeys("date", "venue", "event"));
        assertThat(dashboards.get("sales").file()).isEqualTo("dashboards/sales.yaml");
    }

    @Test
    void a_good_definition_reads_with_its_defaults() {
        Dashboard d = Dashboards.parse("dashboards/t.yaml", GOOD, METRICS);
        assertThat(d.name()).isEqualTo("t");
        assertThat(d.visual("gross").measures().get(0).id()).isEqualTo("gross");
        assertThat(d.visual("by_day").measures().get(0).format()).isEqualTo(Format.INTEGER);
        assertThat(d.visual("by_day").dimensions().get(0).key()).isEqualTo("paid_at_utc_day");
        assertThat(d.columnsByMart()).isEqualTo(Map.of("ticket_sales", Set.of("total", "ticket_id", "paid_at_utc", "venue_title"),
                "events", Set.of("venue_title")));
    }

    @Test
    void a_column_no_mart_has_or_a_mart_that_does_not_exist_is_named_with_its_file() {
        Dashboard d = Dashboards.parse("dashboards/t.yaml", GOOD, METRICS);
        Map<String, Set<String>> marts = Map.of("ticket_sales", Set.of("total", "ticket_id", "paid_at_utc"));
        assertThat(Dashboards.check(List.of(d), marts)).containsExactly(
                "dashboards/t.yaml: column 'venue_title' is not in mart 'ticket_sales'",
                "dashboards/t.yaml: mart 'events' does not exist (marts: ticket_sales)");
        assertThatThrownBy(() -> Dashboards.requireColumns(List.of(d), marts))
                .hasMessageContaining("dashboards/t.yaml: column 'venue_title' is not in mart 'ticket_sales'");
        Dashboard good = Dashboards.parse("dashboards/t.yaml", GOOD, METRICS);
        assertThat(Dashboards.check(List.of(good), Map.of("ticket_sales", Set.of("total", "ticket_id", "paid_at_utc", "venue_title"),
                "events", Set.of("venue_title")))).isEmpty();
    }

    @Test
    void a_definition_of_the_wrong_shape_fails_naming_the_file_and_what_is_wrong() {
        assertThatThrownBy(() -> parse(GOOD.replace("type: kpi", "type: gauge")))
                .hasMessageStartingWith("dashboards/t.yaml: ").hasMessageContaining("gauge").hasMessageContaining("visuals[0].type");
        assertThatThrownBy(() -> parse(GOOD.replace("running_total: true", "running_total: true, colour: red")))
                .hasMessageStartingWith("dashboards/t.yaml: ").hasMessageContaining("colour");
        assertThatThrownBy(() -> parse(GOOD.replace("{ date: paid_at_utc,", "{ day: paid_at_utc,")))
                .hasMessage("dashboards/t.yaml: filter 'date' applies to no mart: name its column under marts; "
                        + "marts.ticket_sales names filter 'day', which is not under filters");
        assertThatThrownBy(() -> parse(GOOD.replace("type: kpi,", "type: kpi, sort: nothing desc,")))
                .hasMessageContaining("visual 'gross': sort 'nothing desc' must be a dimension or measure id");
        assertThatThrownBy(() -> parse(GOOD.replace("paid_at_utc, by: day", "\"paid_at_utc; DROP TABLE x\", by: day")))
                .hasMessageContaining("'paid_at_utc; DROP TABLE x' is not a mart or column name");
    }

    @Test
    void a_measure_names_a_metric_defined_on_the_visuals_mart_and_never_an_aggregate_of_its_own() {
        assertThatThrownBy(() -> parse(GOOD.replace("measures: [gross]", "measures: [{ label: Gross, sum: total }]")))
                .hasMessage("dashboards/t.yaml: visual 'gross': a measure names a metric of metrics/metrics.yaml (metric: NAME), never an aggregate of its own");
        assertThatThrownBy(() -> parse(GOOD.replace("measures: [gross]", "measures: [grosss]")))
                .hasMessage("dashboards/t.yaml: visual 'gross': no metric 'grosss' in metrics/metrics.yaml");
        assertThatThrownBy(() -> parse(GOOD.replace("measures: [gross]", "measures: [checkin_rate]")))
                .hasMessage("dashboards/t.yaml: visual 'gross': metric 'checkin_rate' is not defined on mart 'ticket_sales' (it is on events)");
        Measure renamed = parse(GOOD.replace("measures: [gross]", "measures: [{ metric: gross, label: Total }]")).visual("gross").measures().get(0);
        assertThat(renamed).extracting(Measure::id, Measure::label, Measure::format).containsExactly("gross", "Total", Format.MONEY);
    }

    @Test
    void a_metric_of_the_wrong_shape_fails_naming_it_and_what_is_wrong() {
        assertThatThrownBy(() -> Metrics.parse("metrics/m.yaml", "gross: { label: Gross, format: money, on: { ticket_sales: { sum: total, count: x } } }"))
                .hasMessage("metrics/m.yaml: metric 'gross' on ticket_sales needs exactly one of sum, count, count_distinct, avg, min, max");
        assertThatThrownBy(() -> Metrics.parse("metrics/m.yaml", "gross: { label: Gross, on: { ticket_sales: { sum: total } } }"))
                .hasMessage("metrics/m.yaml: metric 'gross' needs a label and a format");
        assertThatThrownBy(() -> Metrics.parse("metrics/m.yaml",
                "bad: { label: Bad, format: integer, on: { payment_reconciliation: { count: status, where: { status: [\"x'; DROP\"] } } } }"))
                .hasMessageContaining("where value 'x'; DROP' must be letters, digits, space, _ . or -");
    }

    @Test
    void a_metric_with_a_filter_counts_only_its_rows_in_sql() {
        Metrics metrics = Metrics.load();
        assertThat(MeasureSql.aggregate(metrics.get("checkin_rate").on("events"))).isEqualTo(
                "CAST(sum(\"tickets_checked_in\") FILTER (WHERE \"event_start\" < current_timestamp) AS DOUBLE) / "
                        + "NULLIF(sum(\"tickets_sold\") FILTER (WHERE \"event_start\" < current_timestamp), 0)");
        assertThat(metrics.select(null, List.of("mismatches", "mismatched_amount"), List.of(), null)).isEqualTo(
                "SELECT count(\"status\") FILTER (WHERE \"status\" IN ('amount_mismatch', 'order_without_charge', 'charge_without_order')) AS \"mismatches\", "
                        + "sum(\"difference\") FILTER (WHERE \"status\" IN ('amount_mismatch', 'order_without_charge', 'charge_without_order')) AS \"mismatched_amount\" "
                        + "FROM \"payment_reconciliation\"");
    }

    private static Dashboard parse(String yaml) {
        return Dashboards.parse("dashboards/t.yaml", yaml, METRICS);
    }
}
