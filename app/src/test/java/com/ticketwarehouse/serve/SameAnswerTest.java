package com.ticketwarehouse.serve;

import com.ticketwarehouse.cli.LakeSummary;
import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.DuckDbLake;
import com.ticketwarehouse.quicksight.QuickSightConfig;
import com.ticketwarehouse.quicksight.QuickSightDefinitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.quicksight.model.MeasureField;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One lake, the same questions asked of every surface (the demo summary, the local dashboards,
 * QuickSight's definitions read as QuickSight would compute them), and the same answer from each
 * to the cent, equal to the simulators' ground truth where it has one.
 */
class SameAnswerTest {
    static final Metrics METRICS = Metrics.load();
    static final Map<String, Dashboard> DASHBOARDS = Dashboards.load();
    static final QuickSightDefinitions QUICKSIGHT = new QuickSightDefinitions(new QuickSightConfig("111122223333", "eu-west-1", "default",
            "tw-test", "primary", "tw", QuickSightConfig.ImportMode.DIRECT_QUERY, List.of(), List.of(), "USD", false,
            Duration.ofMinutes(1), Duration.ofMillis(1)));

    @RegisterExtension
    static final DemoServer SERVED = new DemoServer();

    /** A question: a metric, and the dashboard KPI that shows it. */
    record Question(String metric, String dashboard, String visual) {
    }

    static final List<Question> QUESTIONS = List.of(
            new Question("gross", "sales", "gross"), new Question("face_value", "sales", "face_value"),
            new Question("fees", "sales", "fees"), new Question("taxes", "sales", "taxes"),
            new Question("gross", "event_settlement", "total"), new Question("let_tax", "event_settlement", "let_tax"),
            new Question("sales_tax", "event_settlement", "sales_tax"), new Question("let_rate", "event_settlement", "let_rate"),
            new Question("tickets", "event_settlement", "quantity"), new Question("tickets", "attendance", "sold"),
            new Question("checkin_rate", "attendance", "checkin_rate"), new Question("events", "attendance", "events"),
            new Question("mismatches", "payments", "mismatched"), new Question("mismatched_amount", "payments", "difference"),
            new Question("refunded", "payments", "refunded"), new Question("disputed", "payments", "disputed"));

    @Test
    void every_surface_answers_the_same_question_with_the_same_number() {
        var truth = SERVED.demo.truth;
        BigDecimal taxes = truth.feesByKey().get("let_tax").add(truth.feesByKey().get("sales_tax"));
        Map<String, BigDecimal> expected = new LinkedHashMap<>();
        expected.put("gross", truth.faceValue().add(truth.totalFees()));
        expected.put("face_value", truth.faceValue());
        expected.put("fees", truth.totalFees().subtract(taxes));
        expected.put("taxes", taxes);
        expected.put("let_tax", truth.feesByKey().get("let_tax"));
        expected.put("sales_tax", truth.feesByKey().get("sales_tax"));
        expected.put("tickets", BigDecimal.valueOf(truth.tickets()));
        expected.put("events", BigDecimal.valueOf(truth.events()));
        expected.put("mismatches", BigDecimal.valueOf(truth.reconciliation().getOrDefault("amount_mismatch", 0L)
                + truth.reconciliation().getOrDefault("order_without_charge", 0L) + truth.reconciliation().getOrDefault("charge_without_order", 0L)));
        expected.put("refunded", truth.refundedAmount());
        expected.put("disputed", truth.disputedAmount());

        for (Question q : QUESTIONS) {
            BigDecimal page = DashboardServerTest.kpi(DashboardServerTest.json(DashboardServerTest.HTTP_get(
                    SERVED.base + "/api/dashboards/" + q.dashboard() + "/data").body()), q.visual());
            BigDecimal quickSight = quickSight(q);
            assertThat(round(quickSight)).as("QuickSight's %s on %s.%s", q.metric(), q.dashboard(), q.visual()).isEqualTo(round(page));
            if (expected.containsKey(q.metric())) {
                assertThat(page).as("the page's %s on %s.%s", q.metric(), q.dashboard(), q.visual()).isEqualByComparingTo(expected.get(q.metric()));
            }
        }

        String summary = summary();
        assertThat(money(summary, "gross")).isEqualByComparingTo(expected.get("gross"));
        assertThat(money(summary, "face value")).isEqualByComparingTo(expected.get("face_value"));
        assertThat(money(summary, "fees")).isEqualByComparingTo(expected.get("fees"));
        assertThat(money(summary, "taxes")).isEqualByComparingTo(expected.get("taxes"));
        assertThat(summary).contains(truth.tickets() + " tickets").contains(truth.events() + " events");
        truth.reconciliation().forEach((status, count) -> assertThat(summary).contains(" " + status + " " + count));

        // the check-in rate: of past events only, the same on the page, in QuickSight and in the summary
        BigDecimal soldForPastEvents = SERVED.demo.number("SELECT sum(tickets_sold) FROM events WHERE event_start < current_timestamp");
        BigDecimal rate = BigDecimal.valueOf(truth.checkins()).divide(soldForPastEvents, 10, RoundingMode.HALF_UP);
        BigDecimal page = DashboardServerTest.kpi(DashboardServerTest.json(DashboardServerTest.HTTP_get(
                SERVED.base + "/api/dashboards/attendance/data").body()), "checkin_rate");
        assertThat(page.setScale(9, RoundingMode.HALF_UP)).isEqualByComparingTo(rate.setScale(9, RoundingMode.HALF_UP));
        assertThat(summary).contains("check-in rate of past events: " + rate.movePointRight(2).setScale(1, RoundingMode.HALF_UP) + "%");
        assertThat(soldForPastEvents.longValue()).as("upcoming events sold tickets, left out of the rate").isLessThan(truth.tickets());
    }

    @Test
    void a_metric_defined_on_several_marts_gives_the_same_number_on_each() {
        for (var metric : METRICS.all().values()) {
            BigDecimal first = null;
            for (String mart : metric.on().keySet()) {
                BigDecimal value = SERVED.demo.number(METRICS.select(mart, List.of(metric.name()), List.of(), null));
                if (first == null) {
                    first = value;
                } else {
                    assertThat(round(value)).as("%s on %s and on %s", metric.name(), mart, metric.home()).isEqualTo(round(first));
                }
            }
        }
    }

    private static BigDecimal round(BigDecimal value) {
        return value.setScale(9, RoundingMode.HALF_UP);
    }

    private static String summary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LakeSummary.print(new DuckDbLake(SERVED.demo.dir, List.of(), ".writing-"), METRICS, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static BigDecimal money(String summary, String label) {
        Matcher m = Pattern.compile(label + " \\$([0-9,]+\\.[0-9]{2})").matcher(summary);
        assertThat(m.find()).as(label + " in " + summary).isTrue();
        return new BigDecimal(m.group(1).replace(",", ""));
    }

    /** The KPI as QuickSight's definition has it, computed as QuickSight would: its field read back into SQL on the same mart. */
    private static BigDecimal quickSight(Question q) {
        Dashboard dashboard = DASHBOARDS.get(q.dashboard());
        var visual = dashboard.visual(q.visual());
        MeasureField field = QUICKSIGHT.dashboard(dashboard).sheets().get(0).visuals().stream()
                .filter(v -> v.kpiVisual() != null && v.kpiVisual().visualId().equals(q.visual())).findFirst().orElseThrow()
                .kpiVisual().chartConfiguration().fieldWells().values().get(0);
        String aggregate;
        if (field.calculatedMeasureField() != null) {
            aggregate = QuickSightExpressions.sql(field.calculatedMeasureField().expression());
        } else if (field.numericalMeasureField() != null) {
            var numeric = field.numericalMeasureField();
            aggregate = numeric.aggregationFunction().simpleNumericalAggregationAsString().toLowerCase()
                    + "(\"" + numeric.column().columnName() + "\")";
        } else {
            var categorical = field.categoricalMeasureField();
            aggregate = (categorical.aggregationFunctionAsString().equals("DISTINCT_COUNT") ? "count(DISTINCT " : "count(")
                    + "\"" + categorical.column().columnName() + "\")";
        }
        return SERVED.demo.number("SELECT " + aggregate + " FROM \"" + visual.mart() + "\"");
    }
}
