package com.ticketwarehouse.lake;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Query results as RFC 4180 CSV with a header, decimals written as they are (no exponent), and read back. */
public final class Csv {
    private Csv() {
    }

    public static void write(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
            line.append(i > 1 ? "," : "").append(field(meta.getColumnLabel(i)));
        }
        out.println(line);
        while (rs.next()) {
            line.setLength(0);
            for (int i = 1; i <= columns; i++) {
                Object value = rs.getObject(i);
                String text = value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
                line.append(i > 1 ? "," : "").append(field(text));
            }
            out.println(line);
        }
        out.flush();
    }

    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** CSV with a header, as {@link #write} makes it, read into rows of column to value (an empty field is an empty string). */
    public static List<Map<String, String>> read(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> values : records.subList(Math.min(1, records.size()), records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < records.get(0).size(); i++) {
                row.put(records.get(0).get(i), i < values.size() ? values.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
