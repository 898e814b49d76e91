package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.RecordFields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The raw tables as the project defines them: the Hive DDL of {@code athena/raw_tables.sql}, read
 * into tables, columns and types, so that every engine makes the same tables from the one file
 * (Glue on aws, DuckDB locally, Trino in the proof), each saying the types in its own words.
 */
public final class RawTableDdl {
    public static final String RESOURCE = "athena/raw_tables.sql";
    /** The formats of every raw table: text files (gzip JSON lines), read by the table's SerDe. */
    public static final String INPUT_FORMAT = "org.apache.hadoop.mapred.TextInputFormat",
            OUTPUT_FORMAT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    public record Column(String name, String type) {
    }

    /**
     * One {@code CREATE EXTERNAL TABLE}; names keep the case of the JSON keys (DuckDB matches keys by
     * case, Athena and Trino do not).
     */
    public record Table(String name, List<Column> columns, List<Column> partitions, String serde, String location,
                        Map<String, String> properties) {
        /** The location with the lake's root (s3://bucket/prefix, or a local URI) in place of ${lake}. */
        public String location(String lake) {
            return location.replace("${lake}", lake);
        }
    }

    /** How an engine says a Hive type. */
    public interface Dialect {
        String primitive(String hiveType);

        String array(String element);

        String map(String key, String value);

        String struct(List<Column> fields);
    }

    /**
     * An engine's words for the types: its primitives, and its forms of an array ({@code %s} the element), a map
     * ({@code %s} the key, then the value) and a struct (its fields, each a name and a type, between {@code structOpen}
     * and {@code structClose}, joined by {@code separator}).
     */
    public record Syntax(UnaryOperator<String> primitives, String arrayForm, String mapForm, String structOpen, String separator,
                         String structClose, BinaryOperator<String> field) implements Dialect {
        @Override
        public String primitive(String hiveType) {
            return primitives.apply(hiveType);
        }

        @Override
        public String array(String element) {
            return arrayForm.formatted(element);
        }

        @Override
        public String map(String key, String value) {
            return mapForm.formatted(key, value);
        }

        @Override
        public String struct(List<Column> fields) {
            return fields.stream().map(f -> field.apply(f.name(), f.type())).collect(Collectors.joining(separator, structOpen, structClose));
        }
    }

    /** Hive types as the Glue catalog holds them (for a TableInput or a CloudFormation table): names in lower case, no quotes. */
    public static final Dialect GLUE = new Syntax(hiveType -> hiveType, "array<%s>", "map<%s,%s>", "struct<", ",", ">",
            (name, type) -> name.toLowerCase(Locale.ROOT) + ":" + type);

    /**
     * What every table of an archive shares, written once: in a statement of the DDL, {@value #ARCHIVE_COLUMNS}
     * stands for the columns the pipeline adds to each record, and {@value #ARCHIVE_STORAGE} for how the
     * archives of {@code raw_<source>_<entity>} are kept: gzip JSON lines under raw/source/entity/, a folder
     * for each load_date and run_id.
     */
    static final String ARCHIVE_COLUMNS = "${archive_columns}", ARCHIVE_STORAGE = "${archive_storage}";
    private static final String ARCHIVE_COLUMN_DDL = Stream.of(RecordFields.FETCHED_AT, Compaction.SOURCE_RUN, Compaction.SOURCE_OBJECT)
            .map(c -> "`" + c + "` string").collect(Collectors.joining(", "));
    private static final String ARCHIVE_STORAGE_DDL = "PARTITIONED BY (`load_date` string, `run_id` string) "
            + "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' LOCATION '${lake}/raw/%s/' "
            + "TBLPROPERTIES ('classification'='json', 'compressionType'='gzip')";
    private static final Pattern NAME = Pattern.compile("`\\$\\{database}`\\.`raw_([a-z]+)_(\\w+)`");
    private static final Pattern TABLE = Pattern.compile(
            "CREATE\\s+EXTERNAL\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?`\\$\\{database}`\\.`(\\w+)`\\s*\\((.*)\\)\\s*"
                    + "PARTITIONED\\s+BY\\s*\\((.*?)\\)\\s*ROW\\s+FORMAT\\s+SERDE\\s+'([^']+)'\\s*LOCATION\\s+'([^']+)'"
                    + "(?:\\s*TBLPROPERTIES\\s*\\((.*)\\))?\\s*",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN = Pattern.compile("\\s*`([^`]+)`\\s+(.+?)\\s*", Pattern.DOTALL);
    private static final Pattern PROPERTY = Pattern.compile("'([^']*)'\\s*=\\s*'([^']*)'");

    private RawTableDdl() {
    }

    /** The tables of the project's DDL. */
    public static List<Table> tables() {
        return parse(SqlModels.resource(RESOURCE));
    }

    public static Table table(String name) {
        return tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(RESOURCE + " defines no table " + name));
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
            Matcher m = TABLE.matcher(archiveParts(statement.strip()));
            if (!m.matches()) {
                throw new IllegalArgumentException("not a CREATE EXTERNAL TABLE statement " + RESOURCE + " may hold:\n" + statement);
            }
            Map<String, String> properties = new LinkedHashMap<>();
            if (m.group(6) != null) {
                Matcher p = PROPERTY.matcher(m.group(6));
                while (p.find()) {
                    properties.put(p.group(1), p.group(2));
                }
            }
            tables.add(new Table(m.group(1), columns(m.group(2)), columns(m.group(3)), m.group(4), m.group(5), Map.copyOf(properties)));
        }
        return tables;
    }

    /** The statement with the parts every archive's table shares in place of {@link #ARCHIVE_COLUMNS} and {@link #ARCHIVE_STORAGE}. */
    private static String archiveParts(String statement) {
        if (!statement.contains(ARCHIVE_STORAGE)) {
            return statement.replace(ARCHIVE_COLUMNS, ARCHIVE_COLUMN_DDL);
        }
        Matcher name = NAME.matcher(statement);
        if (!name.find()) {
            throw new IllegalArgumentException(ARCHIVE_STORAGE + " is for a table named raw_<source>_<entity>:\n" + statement);
        }
        return statement.replace(ARCHIVE_COLUMNS, ARCHIVE_COLUMN_DDL)
                .replace(ARCHIVE_STORAGE, ARCHIVE_STORAGE_DDL.formatted(name.group(1) + "/" + name.group(2)));
    }

    private static List<Column> columns(String list) {
        List<Column> columns = new ArrayList<>();
        for (String item : splitTopLevel(list)) {
            Matcher m = COLUMN.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a column: " + item);
            }
            columns.add(new Column(m.group(1), m.group(2).replaceAll("\\s+", "")));
        }
        return columns;
    }

    /** Splits at the commas outside {@code <...>} and {@code (...)}. */
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

    /** A Hive type ({@code array<struct<`a`:string>>}) in an engine's words. */
    public static String type(String hive, Dialect dialect) {
        Types types = new Types(hive, dialect);
        String type = types.type();
        if (types.pos != types.text.length()) {
            throw new IllegalArgumentException("unexpected text after the type at " + types.pos + ": " + hive);
        }
        return type;
    }

    private static final class Types {
        final String text;
        final Dialect dialect;
        int pos;

        Types(String text, Dialect dialect) {
            this.text = text.replaceAll("\\s+", "");
            this.dialect = dialect;
        }

        String type() {
            String word = word().toLowerCase(Locale.ROOT);
            switch (word) {
                case "array" -> {
                    expect('<');
                    String element = type();
                    expect('>');
                    return dialect.array(element);
                }
                case "map" -> {
                    expect('<');
                    String key = type();
                    expect(',');
                    String value = type();
                    expect('>');
                    return dialect.map(key, value);
                }
                case "struct" -> {
                    expect('<');
                    List<Column> fields = new ArrayList<>();
                    do {
                        String name = name();
                        expect(':');
                        fields.add(new Column(name, type()));
                    } while (accept(','));
                    expect('>');
                    return dialect.struct(fields);
                }
                default -> {
                    return dialect.primitive(word);
                }
            }
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (text.regionMatches(true, start, "decimal", 0, 7) && pos < text.length() && text.charAt(pos) == '(') {
                pos = text.indexOf(')', pos) + 1;
            }
            return text.substring(start, pos);
        }

        private String name() {
            if (accept('`')) {
                int end = text.indexOf('`', pos);
                String name = text.substring(pos, end);
                pos = end + 1;
                return name;
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
}
