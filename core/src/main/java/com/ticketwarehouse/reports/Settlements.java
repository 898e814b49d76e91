package com.ticketwarehouse.reports;

import com.ticketwarehouse.dashboards.Format;
import com.ticketwarehouse.dashboards.Metrics;
import com.ticketwarehouse.lake.Lake;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settlement statement of an event, from the marts through the metrics: per ticket type the
 * quantity, face value, each fee, LET and sales tax and gross; the event's Stripe refunds and
 * disputes; and the net (gross less refunds and disputes).
 */
public final class Settlements {
    /** The columns of a statement's lines, each a metric on event_settlement. */
    static final List<String> LINE_METRICS = List.of("tickets", "face_value", "ticketing_fee", "surcharge", "service_charge", "admin_fee",
            "gratuity", "other_fees", "let_tax", "sales_tax", "gross");
    /** What a statement's facts add: every fee, and the taxes a venue remits. */
    static final List<String> TOTAL_METRICS = List.of("fees", "taxes");
    static final List<String> ADJUSTMENT_METRICS = List.of("refunded", "disputed");

    private final Lake lake;
    private final Metrics metrics;

    public Settlements(Lake lake, Metrics metrics) {
        this.lake = lake;
        this.metrics = metrics;
    }

    /** An event as a statement names it; its start is the venue's local time, as Ticketsauce gives it. */
    public record Event(String id, String name, String venue, String start) {
        LocalDate startDay() {
            return LocalDate.parse(start.substring(0, 10));
        }
    }

    /** The figures of one statement, as the lake gives them. */
    public record Statement(Event event, List<Map<String, String>> lines, Map<String, String> totals, Map<String, String> adjustments,
                            List<Map<String, String>> adjustmentRows) {
        public BigDecimal net() {
            return amount(totals.get("gross")).subtract(amount(adjustments.get("refunded"))).subtract(amount(adjustments.get("disputed")));
        }

        /** What a revision compares: every figure, so that any late change makes a new one. */
        public String digest() {
            return DeliveryLedger.digest(lines + "|" + totals + "|" + adjustments + "|" + adjustmentRows);
        }
    }

    /** Events that started on the given days (local dates), in order of start. */
    public List<Event> startedBetween(LocalDate from, LocalDate toInclusive) {
        return events("event_start >= TIMESTAMP '" + from + " 00:00:00' AND event_start < TIMESTAMP '" + toInclusive.plusDays(1) + " 00:00:00'",
                "event_start, event_id", Integer.MAX_VALUE);
    }

    public Event event(String eventId) {
        List<Event> events = events("event_id = " + Metrics.literal(eventId), "event_id", 1);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no event " + eventId + " in the lake's events");
        }
        return events.get(0);
    }

    /** The event that started last before a day: what a preview shows when no statement is due. */
    public List<Event> lastBefore(LocalDate day) {
        return events("event_start < TIMESTAMP '" + day + " 00:00:00'", "event_start DESC, event_id", 1);
    }

    private List<Event> events(String condition, String order, int limit) {
        return lake.rows("SELECT event_id, event_name, venue_title, CAST(event_start AS VARCHAR) AS event_start FROM events WHERE " + condition
                + " ORDER BY " + order + (limit == Integer.MAX_VALUE ? "" : " LIMIT " + limit)).stream()
                .map(r -> new Event(r.get("event_id"), r.get("event_name"), r.get("venue_title"), minutes(r.get("event_start")))).toList();
    }

    /** The statements of events, in four queries whatever their number (on Athena each query costs a scan). */
    public List<Statement> statements(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        String ofEvents = "event_id IN (" + String.join(", ", events.stream().map(e -> Metrics.literal(e.id())).toList()) + ")";
        List<String> all = new ArrayList<>(LINE_METRICS);
        all.addAll(TOTAL_METRICS);
        Map<String, List<Map<String, String>>> lines = byEvent(lake.rows(metrics.select("event_settlement", LINE_METRICS,
                List.of("event_id", "ticket_type_name"), ofEvents)));
        Map<String, List<Map<String, String>>> totals = byEvent(lake.rows(metrics.select("event_settlement", all, List.of("event_id"), ofEvents)));
        Map<String, List<Map<String, String>>> adjustments = byEvent(lake.rows(metrics.select("refunds_and_disputes", ADJUSTMENT_METRICS,
                List.of("event_id"), ofEvents)));
        Map<String, List<Map<String, String>>> rows = byEvent(lake.rows("SELECT event_id, kind, adjustment_id, charge_id, order_id, "
                + "CAST(created_at AS VARCHAR) AS created_at, status, reason, amount FROM refunds_and_disputes WHERE " + ofEvents
                + " ORDER BY event_id, created_at, adjustment_id"));
        return events.stream().map(e -> new Statement(e, lines.getOrDefault(e.id(), List.of()),
                totals.getOrDefault(e.id(), List.of(Map.of())).get(0), adjustments.getOrDefault(e.id(), List.of(Map.of())).get(0),
                rows.getOrDefault(e.id(), List.of()))).toList();
    }

    private static Map<String, List<Map<String, String>>> byEvent(List<Map<String, String>> rows) {
        Map<String, List<Map<String, String>>> byEvent = new LinkedHashMap<>();
        rows.forEach(row -> byEvent.computeIfAbsent(row.get("event_id"), k -> new ArrayList<>()).add(row));
        return byEvent;
    }

    /**
     * A statement as a document.
     *
     * @param revision 1 for the first statement of the event; more for each one that replaces it
     * @param replaced what the last statement said (gross, refunded, disputed), for a revision's notice; null for the first
     */
    public ReportDocument document(Statement s, int revision, String issuedOn, Map<String, String> replaced) {
        Event e = s.event();
        List<ReportDocument.Column> columns = new ArrayList<>();
        columns.add(new ReportDocument.Column("ticket_type_name", "Ticket type", Format.TEXT));
        LINE_METRICS.forEach(m -> columns.add(column(m)));
        Map<String, String> totals = new LinkedHashMap<>(s.totals());
        totals.put("ticket_type_name", "Total");
        String refunded = zero(s.adjustments().get("refunded")), disputed = zero(s.adjustments().get("disputed"));
        String net = s.net().toPlainString();

        List<ReportDocument.Fact> facts = new ArrayList<>();
        for (String m : List.of("tickets", "face_value", "fees", "let_tax", "sales_tax", "gross")) {
            facts.add(new ReportDocument.Fact(metrics.get(m).label() + (m.equals("gross") ? " collected" : ""), metrics.get(m).format().text(s.totals().get(m))));
        }
        facts.add(new ReportDocument.Fact("Less refunds", Format.MONEY.text(refunded)));
        facts.add(new ReportDocument.Fact("Less disputes", Format.MONEY.text(disputed)));
        facts.add(new ReportDocument.Fact("Net", Format.MONEY.text(net)));
        facts.add(new ReportDocument.Fact("LET and sales tax to remit", metrics.get("taxes").format().text(s.totals().get("taxes"))));

        List<ReportDocument.Column> adjustmentColumns = List.of(new ReportDocument.Column("kind", "Kind", Format.TEXT),
                new ReportDocument.Column("adjustment_id", "Refund or dispute", Format.TEXT), new ReportDocument.Column("charge_id", "Charge", Format.TEXT),
                new ReportDocument.Column("created_at", "When (UTC)", Format.TEXT), new ReportDocument.Column("status", "Status", Format.TEXT),
                new ReportDocument.Column("reason", "Reason", Format.TEXT), new ReportDocument.Column("amount", "Amount", Format.MONEY));

        List<ReportDocument.Column> csvColumns = new ArrayList<>(List.of(new ReportDocument.Column("event_id", "Event id", Format.TEXT),
                new ReportDocument.Column("event_name", "Event", Format.TEXT), new ReportDocument.Column("venue_title", "Venue", Format.TEXT),
                new ReportDocument.Column("event_start", "Starts", Format.TEXT), new ReportDocument.Column("revision", "Revision", Format.TEXT)));
        csvColumns.addAll(columns);
        csvColumns.add(column("refunded"));
        csvColumns.add(column("disputed"));
        csvColumns.add(new ReportDocument.Column("net", "Net", Format.MONEY));
        Map<String, String> eventColumns = Map.of("event_id", e.id(), "event_name", e.name(), "venue_title", e.venue(), "event_start", e.start(),
                "revision", Integer.toString(revision));
        List<Map<String, String>> csvRows = new ArrayList<>();
        for (Map<String, String> line : s.lines()) {
            Map<String, String> row = new LinkedHashMap<>(eventColumns);
            row.putAll(line);
            csvRows.add(row);
        }
        Map<String, String> csvTotals = new LinkedHashMap<>(eventColumns);
        csvTotals.putAll(totals);
        csvTotals.put("ticket_type_name", "TOTAL");
        csvTotals.put("refunded", refunded);
        csvTotals.put("disputed", disputed);
        csvTotals.put("net", net);

        String notice = replaced == null ? null : "REVISED STATEMENT (revision " + revision + "): replaces the statement issued "
                + replaced.get("issued_at") + ", which showed gross " + Format.MONEY.text(replaced.get("gross")) + ", refunds "
                + Format.MONEY.text(zero(replaced.get("refunded"))) + ", disputes " + Format.MONEY.text(zero(replaced.get("disputed"))) + ".";
        String name = "settlement-" + e.id() + (revision > 1 ? "-r" + revision : "");
        return new ReportDocument(name, (revision > 1 ? "Revised settlement statement: " : "Settlement statement: ") + e.name(),
                e.venue() + " · event of " + e.start() + " (venue time) · statement issued " + issuedOn
                        + (revision > 1 ? " · revision " + revision : "") + " · event id " + e.id(),
                notice, facts,
                List.of(new ReportDocument.Table("By ticket type", columns, s.lines(), totals),
                        new ReportDocument.Table("Refunds and disputes (Stripe)", adjustmentColumns, s.adjustmentRows(),
                                s.adjustmentRows().isEmpty() ? Map.of() : Map.of("kind", "Total", "amount",
                                        amount(refunded).add(amount(disputed)).toPlainString()))),
                Map.of(name, new ReportDocument.Table("Settlement", csvColumns, csvRows, csvTotals)));
    }

    private ReportDocument.Column column(String metric) {
        return new ReportDocument.Column(metric, metrics.get(metric).label(), metrics.get(metric).format());
    }

    /** A timestamp as the lake writes it, to the minute: 2026-10-10 17:30. */
    static String minutes(String timestamp) {
        return timestamp == null || timestamp.length() < 16 ? timestamp : timestamp.substring(0, 16).replace('T', ' ');
    }

    static BigDecimal amount(String value) {
        return value == null || value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
    }

    private static String zero(String value) {
        return amount(value).setScale(2).toPlainString();
    }
}
