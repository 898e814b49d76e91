package com.ticketwarehouse.lake;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** Query results as RFC 4180 CSV with a header, decimals written as they are (no exponent). */
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
}
