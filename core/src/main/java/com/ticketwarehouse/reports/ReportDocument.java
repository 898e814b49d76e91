package com.ticketwarehouse.reports;

import com.ticketwarehouse.dashboards.Format;

import java.util.List;
import java.util.Map;

/**
 * A report as people and accounting read it, before it is HTML, PDF or CSV: a title, a notice
 * that must not be missed (a revised statement says so), facts, and tables with totals; and the
 * tables that go out as CSV files. Values are kept as the lake gives them (plain decimals) and
 * formatted by their column only when shown, so the CSV carries the marts' numbers exactly.
 *
 * @param name   the files' base name: settlement-EVENT, daily-sales-DATE
 * @param notice shown above everything, or null
 * @param csv    file name (without .csv) to the table it holds
 */
public record ReportDocument(String name, String title, String subtitle, String notice, List<Fact> facts, List<Table> tables,
                             Map<String, Table> csv) {

    public record Fact(String label, String value) {
    }

    public record Column(String key, String label, Format format) {
        public String shown(String value) {
            return format == Format.TEXT ? (value == null ? "" : value) : format.text(value);
        }
    }

    /**
     * @param totals the totals row by column key (a label under the first column), or empty
     */
    public record Table(String title, List<Column> columns, List<Map<String, String>> rows, Map<String, String> totals) {
    }
}
