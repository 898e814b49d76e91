package com.ticketwarehouse.trino;

import com.ticketwarehouse.lake.RawTableDdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The raw tables of {@code athena/raw_tables.sql} in Trino's dialect for its Hive connector: the same
 * tables, columns and types, as {@code CREATE TABLE ... WITH (format, external_location, partitioned_by)}.
 */
final class AthenaDdl {
    private static final Map<String, String> PRIMITIVES = Map.of("string", "varchar", "bigint", "bigint", "int", "integer",
            "double", "double", "boolean", "boolean", "date", "date", "timestamp", "timestamp(3)", "float", "real");

    /** Trino lowercases names and matches JSON keys without regard to case, as Athena does. */
    static final RawTableDdl.Dialect TRINO = new RawTableDdl.Syntax(AthenaDdl::primitive, "array(%s)", "map(%s, %s)", "row(", ", ", ")",
            (name, type) -> quote(name) + " " + type);

    private AthenaDdl() {
    }

    private static String primitive(String hiveType) {
        String primitive = PRIMITIVES.get(hiveType);
        if (primitive == null && !hiveType.startsWith("decimal")) {
            throw new IllegalArgumentException("unknown Hive type " + hiveType);
        }
        return primitive == null ? hiveType : primitive;
    }

    /** Trino's CREATE TABLE of a raw table, with the location placeholder ${lake} replaced. */
    static String trino(RawTableDdl.Table table, String schema, String lake) {
        String format = switch (table.serde()) {
            case "org.openx.data.jsonserde.JsonSerDe" -> "OPENX_JSON";
            case "org.apache.hive.hcatalog.data.JsonSerDe" -> "JSON";
            default -> throw new IllegalArgumentException("no Trino format for the SerDe " + table.serde());
        };
        List<String> columns = new ArrayList<>();
        for (RawTableDdl.Column column : table.columns()) {
            columns.add("  " + quote(column.name()) + " " + RawTableDdl.type(column.type(), TRINO));
        }
        for (RawTableDdl.Column partition : table.partitions()) {
            columns.add("  " + quote(partition.name()) + " " + RawTableDdl.type(partition.type(), TRINO));
        }
        return "CREATE TABLE " + schema + "." + quote(table.name()) + " (\n" + String.join(",\n", columns) + "\n) WITH (\n"
                + "  format = '" + format + "',\n"
                + "  external_location = '" + table.location(lake) + "',\n"
                + "  partitioned_by = ARRAY[" + String.join(", ", table.partitions().stream().map(p -> "'" + p.name() + "'").toList()) + "]\n)";
    }

    static String quote(String identifier) {
        return "\"" + identifier.toLowerCase(Locale.ROOT).replace("\"", "\"\"") + "\"";
    }
}
