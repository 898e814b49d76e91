package com.ticketwarehouse.emulators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a statement sent to Athena runs on the stand-in's Trino. Athena's catalog {@code AwsDataCatalog}
 * is Trino's catalog {@code awsdatacatalog}: the Hive connector over Glue, which hands a table that is
 * Iceberg's to the {@code iceberg} catalog and back (Trino's table redirection), so reads, MERGE and DROP
 * of either kind of table work from either catalog. Only a CTAS with Athena's {@code table_type = 'ICEBERG'} runs in the
 * {@code iceberg} catalog itself, with the two properties Trino's Iceberg connector lacks taken out
 * ({@code table_type}, {@code is_external}); the others ({@code location}, {@code format},
 * {@code partitioning}) are named alike in both.
 * <p>
 * Athena's maintenance of Iceberg tables runs in the {@code iceberg} catalog as Trino's table procedures:
 * {@code OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE ...]} is {@code ALTER TABLE t EXECUTE optimize [WHERE ...]};
 * {@code VACUUM t} expires the snapshots older than the table's {@code vacuum_max_snapshot_age_seconds} and
 * removes the files no snapshot holds ({@code expire_snapshots}, then {@code remove_orphan_files}: {@link AthenaQuery});
 * {@code ALTER TABLE t SET TBLPROPERTIES ('vacuum_...' = '...')} keeps Athena's properties among the table's
 * {@code extra_properties} (Trino's own retention floors are lowered to 0 for the catalog, so Athena's apply).
 */
final class AthenaStatements {
    static final String HIVE = "awsdatacatalog", ICEBERG = "iceberg";
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*CREATE\\s+TABLE\\b.*");
    private static final String ICEBERG_TYPE = "table_type\\s*=\\s*'iceberg'", IS_EXTERNAL = "is_external\\s*=\\s*(?:true|false)";
    private static final Pattern LEADING_WORD = Pattern.compile("^\\s*(?:\\(\\s*)*([A-Za-z]+)");

    private static final Pattern OPTIMIZE = Pattern.compile("(?is)^OPTIMIZE\\s+([\\w.\"]+)\\s+REWRITE\\s+DATA\\s+USING\\s+BIN_PACK\\b(.*)$");
    private static final Pattern VACUUM = Pattern.compile("(?is)^VACUUM\\s+([\\w.\"]+)$");
    private static final Pattern SET_TBLPROPERTIES = Pattern.compile("(?is)^ALTER\\s+TABLE\\s+([\\w.\"]+)\\s+SET\\s+TBLPROPERTIES\\s*\\((.*)\\)$");
    private static final Pattern PROPERTY = Pattern.compile("'([^']*)'\\s*=\\s*'([^']*)'");

    /**
     * A statement as Trino takes it, and the catalog it runs in.
     *
     * @param vacuumed the table of an Athena VACUUM, which is no one statement of Trino's; else null
     */
    record Statement(String sql, String catalog, String vacuumed) {
        Statement(String sql, String catalog) {
            this(sql, catalog, null);
        }
    }

    private AthenaStatements() {
    }

    /** @param catalog the query's catalog as Athena names it (null: AwsDataCatalog) */
    static Statement forTrino(String sql, String catalog) {
        String statement = sql.strip();
        // Athena takes one statement with a closing semicolon; Trino's JDBC driver takes none
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).stripTrailing();
        }
        String trinoCatalog = catalog == null || catalog.isBlank() ? HIVE : catalog.toLowerCase(Locale.ROOT);
        if (CREATE_TABLE.matcher(statement).matches() && Pattern.compile("(?i)" + ICEBERG_TYPE).matcher(statement).find()) {
            return new Statement(withoutProperty(withoutProperty(statement, ICEBERG_TYPE), IS_EXTERNAL), ICEBERG);
        }
        Matcher optimize = OPTIMIZE.matcher(statement), vacuum = VACUUM.matcher(statement), properties = SET_TBLPROPERTIES.matcher(statement);
        if (optimize.matches()) {
            return new Statement("ALTER TABLE " + optimize.group(1) + " EXECUTE optimize" + optimize.group(2), ICEBERG);
        }
        if (vacuum.matches()) {
            return new Statement(statement, ICEBERG, vacuum.group(1));
        }
        if (properties.matches()) {
            List<String> keys = new ArrayList<>(), values = new ArrayList<>();
            for (Matcher property = PROPERTY.matcher(properties.group(2)); property.find(); ) {
                keys.add("'" + property.group(1) + "'");
                values.add("'" + property.group(2) + "'");
            }
            return new Statement("ALTER TABLE " + properties.group(1) + " SET PROPERTIES extra_properties = MAP(ARRAY[" + String.join(", ", keys)
                    + "], ARRAY[" + String.join(", ", values) + "])", ICEBERG);
        }
        return new Statement(statement, trinoCatalog);
    }

    /** Takes one {@code name = value} out of a WITH (...) list, with the comma that joined it. */
    static String withoutProperty(String sql, String property) {
        for (String form : new String[] {"\\s*,\\s*" + property, property + "\\s*,\\s*", property}) {
            Matcher matcher = Pattern.compile("(?i)" + form).matcher(sql);
            if (matcher.find()) {
                return sql.substring(0, matcher.start()) + sql.substring(matcher.end());
            }
        }
        return sql;
    }

    /** Athena's StatementType: DDL (CREATE, DROP, ALTER...), DML (SELECT, INSERT, MERGE...) or UTILITY (SHOW, DESCRIBE...). */
    static String type(String sql) {
        Matcher word = LEADING_WORD.matcher(sql);
        String first = word.find() ? word.group(1).toUpperCase(Locale.ROOT) : "";
        return switch (first) {
            case "CREATE", "DROP", "ALTER", "MSCK", "COMMENT" -> "DDL";
            case "SHOW", "DESCRIBE", "EXPLAIN", "USE" -> "UTILITY";
            default -> "DML";
        };
    }
}
