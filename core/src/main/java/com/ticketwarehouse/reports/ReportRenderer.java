package com.ticketwarehouse.reports;

import com.ticketwarehouse.dashboards.Format;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One report document as the HTML body of an email, a PDF for people, and CSV for accounting. */
public final class ReportRenderer {
    private static final float MARGIN = 36;
    private static final PDRectangle LANDSCAPE_A4 = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());

    private ReportRenderer() {
    }

    /** An HTML page that mail clients show as it is: inline styles only, no script, no external resource. */
    public static String html(ReportDocument doc) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(doc.title())).append("</title></head>\n<body style=\"font-family:Helvetica,Arial,sans-serif;color:#222;margin:16px\">\n")
                .append("<h1 style=\"font-size:20px;margin:0 0 4px\">").append(escape(doc.title())).append("</h1>\n")
                .append("<p style=\"color:#555;margin:0 0 12px\">").append(escape(doc.subtitle())).append("</p>\n");
        if (doc.notice() != null) {
            h.append("<p id=\"notice\" style=\"border:2px solid #b00020;color:#b00020;font-weight:bold;padding:8px;margin:0 0 12px\">")
                    .append(escape(doc.notice())).append("</p>\n");
        }
        if (!doc.facts().isEmpty()) {
            h.append("<table id=\"facts\" style=\"border-collapse:collapse;margin:0 0 16px\">\n");
            for (ReportDocument.Fact fact : doc.facts()) {
                h.append("<tr><th style=\"text-align:left;padding:2px 16px 2px 0;font-weight:normal;color:#555\">").append(escape(fact.label()))
                        .append("</th><td style=\"text-align:right;padding:2px 0;font-weight:bold\">").append(escape(fact.value())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (ReportDocument.Table table : doc.tables()) {
            h.append("<h2 style=\"font-size:15px;margin:16px 0 6px\">").append(escape(table.title())).append("</h2>\n");
            if (table.rows().isEmpty()) {
                h.append("<p style=\"color:#555\">None.</p>\n");
                continue;
            }
            h.append("<table style=\"border-collapse:collapse;font-size:13px\">\n<tr>");
            for (ReportDocument.Column c : table.columns()) {
                h.append("<th style=\"border-bottom:1px solid #999;padding:4px 8px;text-align:").append(align(c)).append("\">")
                        .append(escape(c.label())).append("</th>");
            }
            h.append("</tr>\n");
            for (Map<String, String> row : table.rows()) {
                h.append(htmlRow(table.columns(), row, ""));
            }
            if (!table.totals().isEmpty()) {
                h.append(htmlRow(table.columns(), table.totals(), "font-weight:bold;border-top:1px solid #999;"));
            }
            h.append("</table>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String htmlRow(List<ReportDocument.Column> columns, Map<String, String> row, String style) {
        StringBuilder h = new StringBuilder("<tr>");
        for (ReportDocument.Column c : columns) {
            h.append("<td style=\"").append(style).append("padding:3px 8px;text-align:").append(align(c)).append("\">")
                    .append(escape(c.shown(row.get(c.key())))).append("</td>");
        }
        return h.append("</tr>\n").toString();
    }

    private static String align(ReportDocument.Column c) {
        return c.format() == Format.TEXT || c.format() == Format.DATE || c.format() == Format.DATETIME ? "left" : "right";
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table as RFC 4180 CSV: a header of column keys, values exactly as the lake gave them, then the totals row. */
    public static byte[] csv(ReportDocument.Table table) {
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", table.columns().stream().map(c -> field(c.key())).toList())).append("\r\n");
        List<Map<String, String>> rows = new ArrayList<>(table.rows());
        if (!table.totals().isEmpty()) {
            rows.add(table.totals());
        }
        for (Map<String, String> row : rows) {
            csv.append(String.join(",", table.columns().stream().map(c -> field(row.getOrDefault(c.key(), ""))).toList())).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String text) {
        String value = text == null ? "" : text;
        return value.matches("[^,\"\r\n]*") ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    /** A PDF on landscape A4 pages: the title, the notice in a red frame, the facts, and each table with its totals, over as many pages as it takes. */
    public static byte[] pdf(ReportDocument doc) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new PdfWriter(pdf).write(doc);
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays a document out line by line, starting a page where the last one is full. */
    private static final class PdfWriter {
        private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private final PDDocument pdf;
        private PDPageContentStream page;
        private float y;

        PdfWriter(PDDocument pdf) {
            this.pdf = pdf;
        }

        void write(ReportDocument doc) throws IOException {
            newPage();
            text(BOLD, 16, MARGIN, doc.title());
            y -= 20;
            text(REGULAR, 10, MARGIN, doc.subtitle());
            y -= 18;
            if (doc.notice() != null) {
                page.setStrokingColor(0.69f, 0f, 0.13f);
                page.setNonStrokingColor(0.69f, 0f, 0.13f);
                page.addRect(MARGIN, y - 6, LANDSCAPE_A4.getWidth() - 2 * MARGIN, 20);
                page.stroke();
                text(BOLD, 11, MARGIN + 6, doc.notice());
                page.setNonStrokingColor(0f, 0f, 0f);
                y -= 28;
            }
            for (ReportDocument.Fact fact : doc.facts()) {
                text(REGULAR, 10, MARGIN, fact.label());
                text(BOLD, 10, MARGIN + 200, fact.value());
                y -= 14;
            }
            for (ReportDocument.Table table : doc.tables()) {
                table(table);
            }
            page.close();
        }

        private void table(ReportDocument.Table table) throws IOException {
            room(60);
            y -= 10;
            text(BOLD, 12, MARGIN, table.title());
            y -= 16;
            if (table.rows().isEmpty()) {
                text(REGULAR, 9, MARGIN, "None.");
                y -= 14;
                return;
            }
            float[] widths = widths(table.columns());
            header(table, widths);
            for (Map<String, String> row : table.rows()) {
                if (room(14)) {
                    header(table, widths);
                }
                row(REGULAR, table.columns(), widths, row);
            }
            if (!table.totals().isEmpty()) {
                room(14);
                page.moveTo(MARGIN, y + 10);
                page.lineTo(LANDSCAPE_A4.getWidth() - MARGIN, y + 10);
                page.stroke();
                row(BOLD, table.columns(), widths, table.totals());
            }
        }

        private void header(ReportDocument.Table table, float[] widths) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < table.columns().size(); i++) {
                ReportDocument.Column c = table.columns().get(i);
                cell(BOLD, x, widths[i], c.label(), !"left".equals(align(c)));
                x += widths[i];
            }
            y -= 14;
        }

        private void row(PDType1Font font, List<ReportDocument.Column> columns, float[] widths, Map<String, String> row) throws IOException {
            float x = MARGIN;
            for (int i = 0; i < columns.size(); i++) {
                ReportDocument.Column c = columns.get(i);
                cell(font, x, widths[i], c.shown(row.get(c.key())), !"left".equals(align(c)));
                x += widths[i];
            }
            y -= 12;
        }

        private void cell(PDType1Font font, float x, float width, String value, boolean right) throws IOException {
            String fitted = fit(font, 8, value, width - 4);
            text(font, 8, right ? x + width - 4 - font.getStringWidth(fitted) / 1000 * 8 : x, fitted);
        }

        /** Text columns share what the numbers leave of the width. */
        private static float[] widths(List<ReportDocument.Column> columns) {
            float available = LANDSCAPE_A4.getWidth() - 2 * MARGIN;
            long texts = columns.stream().filter(c -> "left".equals(align(c))).count();
            float number = Math.min(62, available / columns.size());
            float text = texts == 0 ? 0 : (available - number * (columns.size() - texts)) / texts;
            float[] widths = new float[columns.size()];
            for (int i = 0; i < widths.length; i++) {
                widths[i] = "left".equals(align(columns.get(i))) ? text : number;
            }
            return widths;
        }

        /** Starts a new page when fewer than the given points are left; returns whether it did. */
        private boolean room(float needed) throws IOException {
            if (y - needed > MARGIN) {
                return false;
            }
            page.close();
            newPage();
            return true;
        }

        private void newPage() throws IOException {
            PDPage next = new PDPage(LANDSCAPE_A4);
            pdf.addPage(next);
            page = new PDPageContentStream(pdf, next);
            y = LANDSCAPE_A4.getHeight() - MARGIN - 12;
        }

        private void text(PDType1Font font, float size, float x, String text) throws IOException {
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(x, y);
            page.showText(safe(text));
            page.endText();
        }

        private static String fit(PDType1Font font, float size, String text, float width) throws IOException {
            String fitted = safe(text);
            while (!fitted.isEmpty() && font.getStringWidth(fitted) / 1000 * size > width) {
                fitted = fitted.substring(0, fitted.length() - 1);
            }
            return fitted.length() < safe(text).length() && fitted.length() > 1 ? fitted.substring(0, fitted.length() - 1) + "…" : fitted;
        }

        /** The standard fonts encode WinAnsi only: anything else shows as '?' rather than failing the statement. */
        private static String safe(String text) {
            StringBuilder safe = new StringBuilder();
            for (char c : (text == null ? "" : text).toCharArray()) {
                try {
                    REGULAR.encode(String.valueOf(c));
                    safe.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    safe.append('?');
                }
            }
            return safe.toString();
        }
    }
}
