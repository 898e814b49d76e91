package com.ticketwarehouse.cli;

import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.Lake;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The demo's summary of a lake: counts, money, check-in rate and reconciliation, each a metric of metrics/metrics.yaml. */
public final class LakeSummary {
    private LakeSummary() {
    }

    public static void print(Lake lake, Metrics metrics, PrintStream out) {
        String events = one(lake, metrics, "events"), orders = one(lake, metrics, "orders"), tickets = one(lake, metrics, "tickets");
        out.printf("  %s events, %s orders, %s tickets%n", events, orders, tickets);
        Map<String, String> money = lake.rows(metrics.select(null, List.of("gross", "face_value", "fees", "taxes"), List.of(), null)).get(0);
        out.printf("  gross %s = face value %s + fees %s + taxes %s%n", shown(metrics, "gross", money), shown(metrics, "face_value", money),
                shown(metrics, "fees", money), shown(metrics, "taxes", money));
        String rate = one(lake, metrics, "checkin_rate");
        out.println(rate.equals("–") ? "  no past events, no check-in rate" : "  check-in rate of past events: " + rate);
        StringBuilder reconciliation = new StringBuilder("  reconciliation:");
        lake.rows(metrics.select(null, List.of("reconciled"), List.of("status"), null)).stream()
                .sorted((a, b) -> Long.compare(Long.parseLong(b.get("reconciled")), Long.parseLong(a.get("reconciled"))))
                .forEach(row -> reconciliation.append(' ').append(row.get("status")).append(' ').append(row.get("reconciled")).append(','));
        out.println(reconciliation.substring(0, reconciliation.length() - 1));
    }

    private static String one(Lake lake, Metrics metrics, String metric) {
        return shown(metrics, metric, lake.rows(metrics.select(null, List.of(metric), List.of(), null)).get(0));
    }

    private static String shown(Metrics metrics, String metric, Map<String, String> row) {
        return metrics.get(metric).format().text(row.get(metric));
    }
}
