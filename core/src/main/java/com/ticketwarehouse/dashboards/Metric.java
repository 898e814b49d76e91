package com.ticketwarehouse.dashboards;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One business measure, defined once in {@code metrics/metrics.yaml}: its label and format, and
 * how it is computed on each mart that can answer it (the same number from each: tickets are
 * {@code count(ticket_id)} of ticket_sales and {@code sum(quantity)} of event_settlement). The
 * dashboards, QuickSight, the demo summary and the reports all take it from here.
 *
 * @param name the key in the file: what dashboards and reports call it
 * @param on   per mart, the aggregate; the first mart is where a question without a mart of its own is asked
 */
public record Metric(String name, String label, String description, Format format, Map<String, Measure> on) {

    public Metric {
        on = on == null ? Map.of() : new LinkedHashMap<>(on);
    }

    /** The mart a question without a mart of its own (the demo summary, a report) is asked of. */
    public String home() {
        return on.keySet().iterator().next();
    }

    /** This metric on a mart, as a measure with its name, label and format; null where it is not defined on that mart. */
    public Measure on(String mart) {
        Measure aggregate = on.get(mart);
        return aggregate == null ? null : aggregate.as(name, name, label, format, false);
    }
}
