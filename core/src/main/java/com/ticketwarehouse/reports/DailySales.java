package com.ticketwarehouse.reports;

import com.ticketwarehouse.dashboards.Format;
import com.ticketwarehouse.dashboards.MeasureSql;
import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.Lake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The daily sales report of one day (each venue's day in its own time zone): tickets, gross, fees
 * and taxes by venue and event against the same weekday a week before, the pace of upcoming
 * events, and the day's reconciliation exceptions, attached as a CSV listing them.
 */
public record DailySales(Lake lake, Metrics metrics, ReportSettings settings) {
    static final List<String> SALES_METRICS = List.of("tickets", "gross", "fees", "taxes");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The venues that have events: the ones a daily report is made for. */
    public List<String> venues() {
        return lake.rows("SELECT DISTINCT venue_title FROM events WHERE venue_title IS NOT NULL ORDER BY venue_title").stream()
                .map(r -> r.get("venue_title")).toList();
    }

    /** @param venue one venue's report, or null for every venue's */
    public ReportDocument document(LocalDate day, String venue) {
        String paid = paidOn(day, venue), weekBefore = paidOn(day.minusDays(7), venue);
        Map<String, String> totals = one("ticket_sales", SALES_METRICS, paid);
        Map<String, String> totalsWeekBefore = one("ticket_sales", SALES_METRICS, weekBefore);

        Map<String, Map<String, String>> byEvent = new TreeMap<>();
        for (Map<String, String> row : lake.rows(metrics.select("ticket_sales", SALES_METRICS, List.of("venue_title", "event_name", "event_id"), paid))) {
            byEvent.computeIfAbsent(row.get("venue_title") + "|" + row.get("event_name") + "|" + row.get("event_id"), k -> new LinkedHashMap<>()).putAll(row);
        }
        for (Map<String, String> row : lake.rows(metrics.select("ticket_sales", List.of("tickets", "gross"),
                List.of("venue_title", "event_name", "event_id"), weekBefore))) {
            Map<String, String> merged = byEvent.computeIfAbsent(row.get("venue_title") + "|" + row.get("event_name") + "|" + row.get("event_id"),
                    k -> new LinkedHashMap<>(Map.of("venue_title", row.get("venue_title"), "event_name", row.get("event_name"))));
            merged.put("tickets_week_before", row.get("tickets"));
            merged.put("gross_week_before", row.get("gross"));
        }
        List<ReportDocument.Column> salesColumns = new ArrayList<>(List.of(new ReportDocument.Column("venue_title", "Venue", Format.TEXT),
                new ReportDocument.Column("event_name", "Event", Format.TEXT)));
        SALES_METRICS.forEach(m -> salesColumns.add(column(m, m, "")));
        salesColumns.add(column("tickets", "tickets_week_before", ", week before"));
        salesColumns.add(column("gross", "gross_week_before", ", week before"));
        Map<String, String> salesTotals = new LinkedHashMap<>(totals);
        salesTotals.put("venue_title", "Total");
        salesTotals.put("tickets_week_before", totalsWeekBefore.get("tickets"));
        salesTotals.put("gross_week_before", zero(totalsWeekBefore.get("gross")));
        for (String m : SALES_METRICS) {
            salesTotals.put(m, metrics.get(m).format() == Format.MONEY ? zero(totals.get(m)) : totals.get(m));
        }
        ReportDocument.Table sales = new ReportDocument.Table("Sales by venue and event", salesColumns, List.copyOf(byEvent.values()), salesTotals);

        ReportDocument.Table exceptions = exceptions(paid);
        Map<String, String> exceptionTotals = one("payment_reconciliation", List.of("mismatches", "mismatched_amount"), paid);

        List<ReportDocument.Fact> facts = new ArrayList<>();
        SALES_METRICS.forEach(m -> facts.add(new ReportDocument.Fact(metrics.get(m).label(), metrics.get(m).format().text(zero(totals.get(m))))));
        facts.add(new ReportDocument.Fact("Gross on " + day.minusDays(7).getDayOfWeek().toString().charAt(0)
                + day.minusDays(7).getDayOfWeek().toString().substring(1).toLowerCase() + " " + day.minusDays(7),
                Format.MONEY.text(zero(totalsWeekBefore.get("gross"))) + change(totals.get("gross"), totalsWeekBefore.get("gross"))));
        facts.add(new ReportDocument.Fact(metrics.get("mismatches").label(), metrics.get("mismatches").format().text(exceptionTotals.get("mismatches"))
                + " (" + Format.MONEY.text(zero(exceptionTotals.get("mismatched_amount"))) + ")"));

        String scope = venue == null ? "" : "-" + ReportSettings.venueKey(venue);
        String name = "daily-sales-" + day + scope;
        return new ReportDocument(name, "Daily sales: " + day + " (" + day.getDayOfWeek().toString().charAt(0)
                + day.getDayOfWeek().toString().substring(1).toLowerCase() + ")",
                (venue == null ? "All venues" : venue) + " · by payment time, each venue's day in its time zone ("
                        + zones(venue) + ") · against the same weekday a week before", null, facts,
                List.of(sales, pace(day, venue), exceptions),
                Map.of(name, sales, "exceptions-" + day + scope, exceptions));
    }

    /** Upcoming events (from the day after on): tickets sold so far and in the last seven days. */
    private ReportDocument.Table pace(LocalDate day, String venue) {
        String upcoming = "event_start >= TIMESTAMP '" + day.plusDays(1) + " 00:00:00'" + (venue == null ? "" : " AND venue_title = " + Metrics.literal(venue));
        Map<String, String> lastWeek = new LinkedHashMap<>();
        StringBuilder lastSevenDays = new StringBuilder("(");
        for (int i = 0; i < 7; i++) {
            lastSevenDays.append(i == 0 ? "" : " OR ").append(paidOn(day.minusDays(i), venue));
        }
        lake.rows(metrics.select("ticket_sales", List.of("tickets"), List.of("event_id"), upcoming + " AND " + lastSevenDays + ")"))
                .forEach(r -> lastWeek.put(r.get("event_id"), r.get("tickets")));
        List<Map<String, String>> rows = new ArrayList<>();
        for (Map<String, String> row : lake.rows(metrics.select("events", List.of("tickets"), List.of("event_id", "event_name", "venue_title", "event_start"),
                upcoming))) {
            Map<String, String> shown = new LinkedHashMap<>(row);
            shown.put("event_start", Settlements.minutes(row.get("event_start")));
            shown.put("tickets_last_7_days", lastWeek.getOrDefault(row.get("event_id"), "0"));
            rows.add(shown);
        }
        rows.sort((a, b) -> a.get("event_start").compareTo(b.get("event_start")));
        return new ReportDocument.Table("Pace of upcoming events", List.of(new ReportDocument.Column("event_start", "Starts", Format.TEXT),
                new ReportDocument.Column("event_name", "Event", Format.TEXT), new ReportDocument.Column("venue_title", "Venue", Format.TEXT),
                column("tickets", "tickets", " sold"), column("tickets", "tickets_last_7_days", ", last 7 days")), rows, Map.of());
    }

    /** The day's reconciliation exceptions: exactly the rows the mismatches metric counts. */
    private ReportDocument.Table exceptions(String paid) {
        String mismatch = MeasureSql.condition(metrics.get("mismatches").on("payment_reconciliation"));
        List<Map<String, String>> rows = lake.rows("SELECT CAST(paid_at_utc AS VARCHAR) AS paid_at_utc, venue_title, status, order_id, charge_id, "
                + "order_total, charge_amount, difference FROM payment_reconciliation WHERE " + mismatch + " AND " + paid
                + " ORDER BY paid_at_utc, order_id, charge_id");
        Map<String, String> totals = new LinkedHashMap<>(one("payment_reconciliation", List.of("order_total", "charged", "difference"),
                mismatch + " AND " + paid));
        totals.put("charge_amount", totals.remove("charged"));
        totals.put("paid_at_utc", "Total");
        return new ReportDocument.Table("Reconciliation exceptions", List.of(new ReportDocument.Column("paid_at_utc", "Paid (UTC)", Format.TEXT),
                new ReportDocument.Column("venue_title", "Venue", Format.TEXT), new ReportDocument.Column("status", "Status", Format.TEXT),
                new ReportDocument.Column("order_id", "Order", Format.TEXT), new ReportDocument.Column("charge_id", "Charge", Format.TEXT),
                column("order_total", "order_total", ""), column("charged", "charge_amount", ""), column("difference", "difference", "")),
                rows, rows.isEmpty() ? Map.of() : totals);
    }

    /** Rows paid on a day: each venue's day in its own time zone, as UTC bounds of paid_at_utc. */
    String paidOn(LocalDate day, String venue) {
        if (venue != null) {
            return "(venue_title = " + Metrics.literal(venue) + " AND " + range(day, settings.zone(venue)) + ")";
        }
        Map<ZoneId, List<String>> byZone = venues().stream().collect(Collectors.groupingBy(settings::zone, LinkedHashMap::new, Collectors.toList()));
        List<String> conditions = new ArrayList<>();
        byZone.forEach((zone, venues) -> conditions.add("(venue_title IN (" + String.join(", ", venues.stream().map(Metrics::literal).toList())
                + ") AND " + range(day, zone) + ")"));
        conditions.add("(venue_title IS NULL AND " + range(day, settings.zone(null)) + ")");
        return "(" + String.join(" OR ", conditions) + ")";
    }

    private static String range(LocalDate day, ZoneId zone) {
        return "paid_at_utc >= TIMESTAMP '" + UTC.format(day.atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC)) + "' AND paid_at_utc < TIMESTAMP '"
                + UTC.format(day.plusDays(1).atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC)) + "'";
    }

    private String zones(String venue) {
        return venue != null ? settings.zone(venue).getId()
                : venues().stream().map(settings::zone).map(ZoneId::getId).distinct().collect(Collectors.joining(", "));
    }

    private Map<String, String> one(String mart, List<String> metricNames, String condition) {
        return lake.rows(metrics.select(mart, metricNames, List.of(), condition)).get(0);
    }

    private ReportDocument.Column column(String metric, String key, String suffix) {
        return new ReportDocument.Column(key, metrics.get(metric).label() + suffix, metrics.get(metric).format());
    }

    private static String change(String now, String before) {
        BigDecimal b = Settlements.amount(before);
        if (b.signum() == 0) {
            return "";
        }
        BigDecimal pct = Settlements.amount(now).subtract(b).movePointRight(2).divide(b, 1, RoundingMode.HALF_UP);
        return " (change: " + (pct.signum() >= 0 ? "+" : "") + pct.toPlainString() + "%)";
    }

    private static String zero(String value) {
        return Settlements.amount(value).setScale(2).toPlainString();
    }
}
