package com.ticketwarehouse.trino;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Athena (Hive DDL) statements of {@code athena/raw_tables.sql} and says them in Trino's
 * dialect for its Hive connector: the same tables, columns and types, as {@code CREATE TABLE ... WITH
 * (format, external_location, partitioned_by)}.
 */
final class AthenaDdl {
    record Column(String name, String type) {
    }

    record Table(String name, List<Column> columns, List<Column> partitions, String serde, String location) {
        /** Trino's CREATE TABLE, with the location placeholder ${lake} replaced. */
        String trino(String schema, String lake) {
            String format = switch (serde) {
                case "org.openx.data.jsonserde.JsonSerDe" -> "OPENX_JSON";
                case "org.apache.hive.hcatalog.data.JsonSerDe" -> "JSON";
                default -> throw new IllegalArgumentException("no Trino format for the SerDe " + serde);
            };
            List<String> columns = new ArrayList<>();
            for (Column column : columns()) {
                columns.add("  " + quote(column.name()) + " " + trinoType(column.type()));
            }
            for (Column partition : partitions()) {
                columns.add("  " + quote(partition.name()) + " " + trinoType(partition.type()));
            }
            return "CREATE TABLE " + schema + "." + quote(name) + " (\n" + String.join(",\n", columns) + "\n) WITH (\n"
                    + "  format = '" + format + "',\n"
                    + "  external_location = '" + location.replace("${lake}", lake) + "',\n"
                    + "  partitioned_by = ARRAY[" + String.join(", ", partitions.stream().map(p -> "'" + p.name() + "'").toList()) + "]\n)";
        }
    }

    private static final Pattern TABLE = Pattern.compile(
            "CREATE\\s+EXTERNAL\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`\\$\\{database}`\\.`(\\w+)`\\s*\\((.*)\\)\\s*"
                    + "PARTITIONED\\s+BY\\s*\\((.*?)\\)\\s*ROW\\s+FORMAT\\s+SERDE\\s+'([^']+)'\\s*LOCATION\\s+'([^']+)'"
                    + "(?:\\s*TBLPROPERTIES\\s*\\(.*\\))?\\s*",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN = Pattern.compile("\\s*`([^`]+)`\\s+(.+?)\\s*", Pattern.DOTALL);

    private AthenaDdl() {
    }

    static List<Table> parse(String ddl) {
        StringBuilder code = new StringBuilder();
        for (String line : ddl.split("\n")) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<Table> tables = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (statement.isBlank()) {
                continue;
            }
            Matcher m = TABLE.matcher(statement.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("not a CREATE EXTERNAL TABLE statement this test can read:\n" + statement);
            }
            tables.add(new Table(m.group(1), columns(m.group(2)), columns(m.group(3)), m.group(4), m.group(5)));
        }
        return tables;
    }

    private static List<Column> columns(String list) {
        List<Column> columns = new ArrayList<>();
        for (String item : splitTopLevel(list)) {
            Matcher m = COLUMN.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a column: " + item);
            }
            columns.add(new Column(m.group(1).toLowerCase(Locale.ROOT), m.group(2)));
        }
        return columns;
    }

    /** Splits at the commas outside {@code <...>}. */
    private static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0, start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i));
                start = i + 1;
            }
        }
        if (!list.substring(start).isBlank()) {
            items.add(list.substring(start));
        }
        return items;
    }

    private static final Map<String, String> PRIMITIVES = Map.of("string", "varchar", "bigint", "bigint", "int", "integer",
            "double", "double", "boolean", "boolean", "date", "date", "timestamp", "timestamp(3)", "float", "real");

    /** A Hive type ({@code array<struct<`a`:string>>}) as Trino's ({@code array(row("a" varchar))}). */
    static String trinoType(String hive) {
        Types types = new Types(hive);
        String type = types.type();
        if (types.pos != types.text.length()) {
            throw new IllegalArgumentException("unexpected text after the type at " + types.pos + ": " + hive);
        }
        return type;
    }

    private static final class Types {
        final String text;
        int pos;

        Types(String text) {
            this.text = text.replaceAll("\\s+", "");
        }

        String type() {
            String word = word();
            switch (word) {
                case "array" -> {
                    expect('<');
                    String element = type();
                    expect('>');
                    return "array(" + element + ")";
                }
                case "map" -> {
                    expect('<');
                    String key = type();
                    expect(',');
                    String value = type();
                    expect('>');
                    return "map(" + key + ", " + value + ")";
                }
                case "struct" -> {
                    expect('<');
                    List<String> fields = new ArrayList<>();
                    do {
                        String name = name();
                        expect(':');
                        fields.add(quote(name) + " " + type());
                    } while (accept(','));
                    expect('>');
                    return "row(" + String.join(", ", fields) + ")";
                }
                default -> {
                    if (word.startsWith("decimal")) {
                        return word;
                    }
                    String primitive = PRIMITIVES.get(word);
                    if (primitive == null) {
                        throw new IllegalArgumentException("unknown Hive type " + word + " in " + text);
                    }
                    return primitive;
                }
            }
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (text.startsWith("decimal", start) && pos < text.length() && text.charAt(pos) == '(') {
                pos = text.indexOf(')', pos) + 1;
            }
            return text.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        private String name() {
            if (accept('`')) {
                int end = text.indexOf('`', pos);
                String name = text.substring(pos, end);
                pos = end + 1;
                return name.toLowerCase(Locale.ROOT);
            }
            return word();
        }

        private boolean accept(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + pos + " of " + text);
            }
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
