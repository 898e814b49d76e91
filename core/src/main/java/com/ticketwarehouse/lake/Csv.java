package com.ticketwarehouse.lake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Query results as RFC 4180 CSV with a header, decimals written as they are (no exponent), and read
 * back: Jackson's CSV, which quotes a field only where it must (a comma, a quote, a line break).
 */
public final class Csv {
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            // the stream is the caller's (standard output, a page's answer): written to, never closed
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final ObjectWriter LINES = CSV.writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator(System.lineSeparator()));
    private static final ObjectWriter FIELD = CSV.writerFor(String[].class).with(CsvSchema.emptySchema().withLineSeparator(""));

    private Csv() {
    }

    public static void write(ResultSet rs, PrintStream out) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        String[] line = new String[columns];
        try (SequenceWriter lines = LINES.writeValues(out)) {
            for (int i = 1; i <= columns; i++) {
                line[i - 1] = meta.getColumnLabel(i);
            }
            lines.write(line);
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    line[i - 1] = value == null ? "" : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
                }
                lines.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    /** One field as a CSV line holds it: quoted only where it must be. */
    static String field(String text) {
        try {
            return FIELD.writeValueAsString(new String[] {text});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CSV with a header, as {@link #write} makes it, read into rows of column to value (an empty field is an empty string). */
    public static List<Map<String, String>> read(String csv) {
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
