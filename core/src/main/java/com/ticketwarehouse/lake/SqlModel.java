package com.ticketwarehouse.lake;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One model: a table named after its file, made from the one SELECT the file holds. */
public record SqlModel(String layer, String name, String select) {
    private static final Pattern TABLE_PROPERTIES = Pattern.compile("(?m)^--\\s*table properties:\\s*(.+)$");
    /**
     * How a refresh keeps the model's table, in a comment line: {@code -- refresh: batch} (the rows of
     * the runs the refresh reads, for this refresh only), {@code -- refresh: merge on k1, k2} (a table the
     * new rows are merged into by those keys), {@code -- refresh: by k} (a table whose rows of the values
     * of k that changed in its inputs are made again), {@code -- refresh: view} (a view, where the engine reads one as
     * cheaply as a table); without one, the table is made anew from its inputs.
     */
    private static final Pattern REFRESH = Pattern.compile("(?m)^--\\s*refresh:\\s*(batch|view|merge on (.+)|by (\\w+))\\s*$");

    public String file() {
        return "models/" + layer + "/" + name + ".sql";
    }

    /**
     * The Athena/Trino table properties the model asks for in a comment line
     * {@code -- table properties: bucketed_by = ARRAY['event_id'], bucket_count = 32}, or "" when none.
     * DuckDB has no use for them.
     */
    public String tableProperties() {
        Matcher properties = TABLE_PROPERTIES.matcher(select);
        return properties.find() ? properties.group(1).trim() : "";
    }

    /** The WITH clause of a CTAS into Parquet, with the model's own properties. */
    public String parquetWith(String... more) {
        StringBuilder with = new StringBuilder("format = 'PARQUET'");
        for (String property : more) {
            with.append(", ").append(property);
        }
        if (!tableProperties().isEmpty()) {
            with.append(", ").append(tableProperties());
        }
        return "WITH (" + with + ")";
    }

    /** Whether the model is a view of the runs a refresh reads (the versions of their records, typed). */
    public boolean batch() {
        Matcher refresh = REFRESH.matcher(select);
        return refresh.find() && refresh.group(1).equals("batch");
    }

    /**
     * Whether the model is a view of its inputs where the engine {@linkplain Refresh.Engine#keepsViews keeps views}
     * (and elsewhere a table made anew when an input changed): a mart that only names and derives the columns
     * of one staging table, which a refresh would otherwise write again row for row.
     */
    public boolean view() {
        Matcher refresh = REFRESH.matcher(select);
        return refresh.find() && refresh.group(1).equals("view");
    }

    /** The keys the new rows are merged into the table by, or none when the table is made anew. */
    public List<String> mergeKeys() {
        Matcher refresh = REFRESH.matcher(select);
        return refresh.find() && refresh.group(2) != null ? Arrays.stream(refresh.group(2).split(",")).map(String::trim).toList() : List.of();
    }

    /**
     * The column a table is refreshed by, or "" when it is not: each of its rows must be made from the
     * rows of its inputs with the same value of that column, and only from them.
     */
    public String refreshKey() {
        Matcher refresh = REFRESH.matcher(select);
        return refresh.find() && refresh.group(3) != null ? refresh.group(3) : "";
    }
}
