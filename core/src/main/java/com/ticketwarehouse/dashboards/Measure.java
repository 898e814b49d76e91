package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * One aggregate of a visual. Exactly one of sum, count, count_distinct, avg, min or max is set;
 * {@code sum} may add several columns (taxes: let_tax and sales_tax); with {@code over} the
 * measure is the ratio of two sums (check-in rate: tickets checked in over tickets sold).
 *
 * @param runningTotal each point adds the ones before it (a line of sales pace)
 */
public record Measure(String id, String label, List<String> sum, String count, @JsonProperty("count_distinct") String countDistinct,
                      String avg, String min, String max, List<String> over, Format format,
                      @JsonProperty("running_total") boolean runningTotal) {

    public Measure {
        sum = sum == null ? List.of() : List.copyOf(sum);
        over = over == null ? List.of() : List.copyOf(over);
        id = id != null ? id : label == null ? null : Labels.slug(label);
        format = format == null ? (count != null || countDistinct != null ? Format.INTEGER : Format.NUMBER) : format;
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
        for (String one : new String[] {count, countDistinct, avg, min, max}) {
            if (one != null) {
                columns.add(one);
            }
        }
        return columns;
    }
}
