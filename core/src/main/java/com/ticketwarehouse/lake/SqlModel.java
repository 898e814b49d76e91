package com.ticketwarehouse.lake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One model: a table named after its file, made from the one SELECT the file holds. */
public record SqlModel(String layer, String name, String select) {
    private static final Pattern TABLE_PROPERTIES = Pattern.compile("(?m)^--\\s*table properties:\\s*(.+)$");

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
}
