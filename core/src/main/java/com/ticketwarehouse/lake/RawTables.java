package com.ticketwarehouse.lake;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What both lakes call a raw entity's table, and how they report a change of its schema. */
public final class RawTables {
    private RawTables() {
    }

    public static String name(String source, String entity) {
        return "raw_" + source + "_" + entity;
    }

    /** The table of an entity as the loads name it, {@code source/entity}. */
    public static String of(String entity) {
        String[] parts = entity.split("/");
        return name(parts[0], parts[1]);
    }

    public static String schemaChanges(String table, Map<String, String> before, Map<String, String> after) {
        if (before.isEmpty()) {
            return table + ": new table, " + after.size() + " columns\n";
        }
        StringBuilder changes = new StringBuilder();
        after.forEach((column, type) -> {
            String old = before.get(column);
            if (old == null) {
                changes.append(table).append(": + ").append(column).append(' ').append(type).append('\n');
            } else if (!old.equals(type)) {
                changes.append(table).append(": ~ ").append(column).append(' ').append(old).append(" -> ").append(type).append('\n');
            }
        });
        before.keySet().stream().filter(c -> !after.containsKey(c))
                .forEach(c -> changes.append(table).append(": - ").append(c).append('\n'));
        return changes.length() == 0 ? table + ": no schema change\n" : changes.toString();
    }

    /**
     * The fields the archives hold that the table does not define: they stay in the archives and no
     * model reads them; a model that needs one has it added to athena/raw_tables.sql first.
     */
    public static String undefinedColumns(String table, Collection<String> defined, Collection<String> inArchives) {
        List<String> undefined = inArchives.stream().filter(c -> defined.stream().noneMatch(c::equalsIgnoreCase)).toList();
        return undefined.isEmpty() ? "" : table + ": the archives also hold " + String.join(", ", undefined)
                + " (kept in the archives, not in the table: " + RawTableDdl.RESOURCE + " does not define them)\n";
    }
}
