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
              - { id: gross, type: kpi, mart: ticket_sales, measures: [{ label: Gross, sum: total, format: money }] }
              - id: by_day
                type: line
                mart: ticket_sales
                dimensions: [{ column: paid_at_utc, by: day }]
                measures: [{ label: Tickets, count: ticket_id, running_total: true }]
            """;

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
        Dashboard d = Dashboards.parse("dashboards/t.yaml", GOOD);
        assertThat(d.name()).isEqualTo("t");
        assertThat(d.visual("gross").measures().get(0).id()).isEqualTo("gross");
        assertThat(d.visual("by_day").measures().get(0).format()).isEqualTo(Format.INTEGER);
        assertThat(d.visual("by_day").dimensions().get(0).key()).isEqualTo("paid_at_utc_day");
        assertThat(d.columnsByMart()).isEqualTo(Map.of("ticket_sales", Set.of("total", "ticket_id", "paid_at_utc", "venue_title"),
                "events", Set.of("venue_title")));
    }

    @Test
    void a_column_no_mart_has_or_a_mart_that_does_not_exist_is_named_with_its_file() {
        Dashboard d = Dashboards.parse("dashboards/t.yaml", GOOD.replace("count: ticket_id", "count: ticket_number"));
        Map<String, Set<String>> marts = Map.of("ticket_sales", Set.of("total", "ticket_id", "paid_at_utc", "venue_title"));
        assertThat(Dashboards.check(List.of(d), marts)).containsExactly(
                "dashboards/t.yaml: column 'ticket_number' is not in mart 'ticket_sales'",
                "dashboards/t.yaml: mart 'events' does not exist (marts: ticket_sales)");
        assertThatThrownBy(() -> Dashboards.requireColumns(List.of(d), marts))
                .hasMessageContaining("dashboards/t.yaml: column 'ticket_number' is not in mart 'ticket_sales'");
        Dashboard good = Dashboards.parse("dashboards/t.yaml", GOOD);
        assertThat(Dashboards.check(List.of(good), Map.of("ticket_sales", Set.of("total", "ticket_id", "paid_at_utc", "venue_title"),
                "events", Set.of("venue_title")))).isEmpty();
    }

    @Test
    void a_definition_of_the_wrong_shape_fails_naming_the_file_and_what_is_wrong() {
        assertThatThrownBy(() -> Dashboards.parse("dashboards/t.yaml", GOOD.replace("type: kpi", "type: gauge")))
                .hasMessageStartingWith("dashboards/t.yaml: ").hasMessageContaining("gauge").hasMessageContaining("visuals[0].type");
        assertThatThrownBy(() -> Dashboards.parse("dashboards/t.yaml", GOOD.replace("sum: total", "sum: total, colour: red")))
                .hasMessageStartingWith("dashboards/t.yaml: ").hasMessageContaining("colour");
        assertThatThrownBy(() -> Dashboards.parse("dashboards/t.yaml", GOOD.replace("{ date: paid_at_utc,", "{ day: paid_at_utc,")))
                .hasMessage("dashboards/t.yaml: filter 'date' applies to no mart: name its column under marts; "
                        + "marts.ticket_sales names filter 'day', which is not under filters");
        assertThatThrownBy(() -> Dashboards.parse("dashboards/t.yaml", GOOD.replace("sum: total,", "sum: total, count: order_id,")))
                .hasMessageContaining("visual 'gross': measure 'gross' needs exactly one of sum, count");
        assertThatThrownBy(() -> Dashboards.parse("dashboards/t.yaml", GOOD.replace("type: kpi,", "type: kpi, sort: nothing desc,")))
                .hasMessageContaining("visual 'gross': sort 'nothing desc' must be a dimension or measure id");
        assertThatThrownBy(() -> Dashboards.parse("dashboards/t.yaml", GOOD.replace("sum: total", "sum: \"total; DROP TABLE x\"")))
                .hasMessageContaining("'total; DROP TABLE x' is not a mart or column name");
    }
}
