package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One aggregate over a mart. In {@code metrics/metrics.yaml} it is a metric's definition on one
 * mart: exactly one of sum, count, count_distinct, avg, min or max; {@code sum} may add several
 * columns (taxes: let_tax and sales_tax); with {@code over} it is the ratio of two sums (check-in
 * rate: tickets checked in over tickets sold); {@code where} (column to allowed values) and
 * {@code past} (a time column that must be before now) narrow the rows it counts. In a dashboard
 * it names a metric ({@code gross}, or {@code {metric: gross, running_total: true}}), and
 * {@link Metrics#resolve} fills it in from the metric's definition on the visual's mart.
 *
 * @param runningTotal each point adds the ones before it (a line of sales pace)
 */
public record Measure(String metric, String id, String label, List<String> sum, String count, String countDistinct,
                      String avg, String min, String max, List<String> over, Map<String, List<String>> where, String past,
                      Format format, boolean runningTotal) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Measure(@JsonProperty("metric") String metric, @JsonProperty("id") String id, @JsonProperty("label") String label,
                   @JsonProperty("sum") List<String> sum, @JsonProperty("count") String count,
                   @JsonProperty("count_distinct") String countDistinct, @JsonProperty("avg") String avg,
                   @JsonProperty("min") String min, @JsonProperty("max") String max, @JsonProperty("over") List<String> over,
                   @JsonProperty("where") Map<String, List<String>> where, @JsonProperty("past") String past,
                   @JsonProperty("format") Format format, @JsonProperty("running_total") boolean runningTotal) {
        this.metric = metric;
        this.sum = sum == null ? List.of() : List.copyOf(sum);
        this.count = count;
        this.countDistinct = countDistinct;
        this.avg = avg;
        this.min = min;
        this.max = max;
        this.over = over == null ? List.of() : List.copyOf(over);
        this.where = where == null ? Map.of() : new LinkedHashMap<>(where);
        this.past = past;
        this.label = label;
        this.id = id != null ? id : metric != null ? metric : label == null ? null : Labels.slug(label);
        this.format = format == null ? (count != null || countDistinct != null ? Format.INTEGER : Format.NUMBER) : format;
        this.runningTotal = runningTotal;
    }

    /** A dashboard's measure written as a metric's bare name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Measure of(String metric) {
        return new Measure(metric, null, null, null, null, null, null, null, null, null, null, null, null, false);
    }

    /** This aggregate as the metric it defines: its name as id, its label and format. */
    Measure as(String metricName, String id, String label, Format format, boolean runningTotal) {
        return new Measure(metricName, id, label, sum, count, countDistinct, avg, min, max, over, where, past, format, runningTotal);
    }

    public enum Aggregate { SUM, COUNT, COUNT_DISTINCT, AVG, MIN, MAX, RATIO }

    /** The aggregates set; a valid measure has exactly one. */
    public List<Aggregate> aggregates() {
        List<Aggregate> set = new ArrayList<>();
        if (!sum.isEmpty()) {
            set.add(over.isEmpty() ? Aggregate.SUM : Aggregate.RATIO);
        }
        if (count != null) {
            set.add(Aggregate.COUNT);
        }
        if (countDistinct != null) {
            set.add(Aggregate.COUNT_DISTINCT);
        }
        if (avg != null) {
            set.add(Aggregate.AVG);
        }
        if (min != null) {
            set.add(Aggregate.MIN);
        }
        if (max != null) {
            set.add(Aggregate.MAX);
        }
        return set;
    }

    public Aggregate aggregate() {
        return aggregates().get(0);
    }

    /** Whether it counts only some of the mart's rows. */
    public boolean filtered() {
        return !where.isEmpty() || past != null;
    }

    /** The column of a one-column aggregate (count, avg...); for sums and ratios see {@link #sum()} and {@link #over()}. */
    public String column() {
        return switch (aggregate()) {
            case SUM, RATIO -> sum.get(0);
            case COUNT -> count;
            case COUNT_DISTINCT -> countDistinct;
            case AVG -> avg;
            case MIN -> min;
            case MAX -> max;
        };
    }

    public List<String> columns() {
        List<String> columns = new ArrayList<>(sum);
        columns.addAll(over);
        for (String one : new String[] {count, countDistinct, avg, min, max, past}) {
            if (one != null) {
                columns.add(one);
            }
        }
        columns.addAll(where.keySet());
        return columns;
    }
}
