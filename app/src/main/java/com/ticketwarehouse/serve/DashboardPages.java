package com.ticketwarehouse.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.dashboards.Dashboard;
import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.dashboards.Format;
import com.ticketwarehouse.dashboards.Measure;
import com.ticketwarehouse.dashboards.MeasureSql;
import com.ticketwarehouse.dashboards.Visual;
import com.ticketwarehouse.lake.Csv;
import com.ticketwarehouse.lake.SqlModel;
import com.ticketwarehouse.lake.SqlModels;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code ./tw serve} answers: the pages, each dashboard's definition with its filters'
 * choices and when the data was loaded, the data of its visuals, and any visual as CSV.
 */
public final class DashboardPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Map<String, Dashboard> dashboards;
    private final ReadOnlyMarts marts;
    private final String currency;
    private final Set<String> martNames;
    private final String pageTemplate;
    private final List<String> order;
    /** Per dashboard, the version of the database it was last found to fit. */
    private final Map<String, String> fits = new java.util.concurrent.ConcurrentHashMap<>();

    public DashboardPages(Map<String, Dashboard> dashboards, ReadOnlyMarts marts, String currency) {
        this.dashboards = Map.copyOf(dashboards);
        this.marts = marts;
        this.currency = currency;
        this.martNames = SqlModels.load().stream().filter(m -> m.layer().equals("marts")).map(SqlModel::name).collect(Collectors.toSet());
        this.pageTemplate = SqlModels.resource("serve/page.html");
        this.order = List.copyOf(dashboards.keySet());
        marts.warmUp();
    }

    /** The first page: every dashboard, with what it shows. */
    public String index() {
        StringBuilder list = new StringBuilder("<ul class=\"index\">");
        for (String name : order) {
            Dashboard d = dashboards.get(name);
            list.append("<li><a href=\"/dashboards/").append(name).append("\">").append(html(d.title())).append("</a><p>")
                    .append(html(d.description() == null ? "" : d.description())).append("</p></li>");
        }
        return page("Dashboards", "", list.append("</ul>").toString());
    }

    public String page(String name) {
        Dashboard d = dashboard(name);
        return page(d.title(), name, "<div id=\"dashboard\" data-name=\"" + name + "\"></div>");
    }

    private String page(String title, String current, String body) {
        StringBuilder nav = new StringBuilder();
        for (String name : order) {
            nav.append("<a href=\"/dashboards/").append(name).append('"').append(name.equals(current) ? " class=\"current\"" : "")
                    .append('>').append(html(dashboards.get(name).title())).append("</a>");
        }
        return pageTemplate.replace("{{title}}", html(title)).replace("{{nav}}", nav).replace("{{body}}", body);
    }

    /** The dashboard as the page draws it: filters with their choices, visuals with their columns, and when data was loaded. */
    public String definition(String name) {
        Dashboard d = dashboard(name);
        return marts.read(db -> {
            requireMarts(db, d);
            ObjectNode out = JSON.createObjectNode().put("name", d.name()).put("title", d.title())
                    .put("description", d.description()).put("currency", currency);
            ArrayNode filters = out.putArray("filters");
            for (Map.Entry<String, Dashboard.Filter> entry : d.filters().entrySet()) {
                Dashboard.Filter f = entry.getValue();
                ObjectNode filter = filters.addObject().put("id", entry.getKey()).put("label", f.label())
                        .put("type", f.type() == Dashboard.FilterType.DATE_RANGE ? "date_range" : "choice");
                if (f.options() != null) {
                    ArrayNode options = filter.putArray("options");
                    for (String[] option : options(db, f.options())) {
                        options.addObject().put("value", option[0]).put("label", option[1]);
                    }
                }
            }
            ArrayNode visuals = out.putArray("visuals");
            for (Visual v : d.visuals()) {
                ObjectNode visual = visuals.addObject().put("id", v.id()).put("type", v.type().name().toLowerCase())
                        .put("title", v.title() == null ? (v.measures().size() == 1 ? v.measures().get(0).label() : v.id()) : v.title())
                        .put("width", v.widthOrDefault()).put("stacked", v.stacked());
                ArrayNode columns = visual.putArray("columns");
                v.dimensions().forEach(dim -> column(columns, dim));
                if (v.series() != null) {
                    column(visual.putArray("series"), v.series());
                }
                for (Measure m : v.measures()) {
                    columns.addObject().put("key", m.id()).put("label", m.label()).put("format", m.format().key()).put("measure", true);
                }
                visual.put("unfiltered", String.join(", ", d.filters().keySet().stream()
                        .filter(f -> d.filterColumn(v.mart(), f) == null).map(f -> d.filters().get(f).label()).toList()));
            }
            ObjectNode loaded = out.putObject("loaded");
            loaded.put("load", scalar(db, "SELECT max(finished_at) FROM load_runs WHERE status = 'complete'"));
            loaded.put("transform", scalar(db, "SELECT max(finished_at) FROM tw_activity WHERE activity = 'transform'"));
            return JSON.writeValueAsString(out);
        });
    }

    private static void column(ArrayNode columns, Visual.Dimension dim) {
        String format = dim.format() != null ? dim.format().key() : dim.by() == Visual.TimeGrain.MONTH ? "month"
                : dim.by() != null ? Format.DATE.key() : Format.TEXT.key();
        columns.addObject().put("key", dim.key()).put("label", dim.labelOrDefault()).put("format", format);
    }

    /** The data of every visual under the request's filters: rows, and totals where a visual shows them. */
    public String data(String name, String query) {
        Dashboard d = dashboard(name);
        return marts.read(db -> {
            requireMarts(db, d);
            FilterValues filters = checked(db, d, FilterValues.parse(d, query));
            ObjectNode out = JSON.createObjectNode();
            ObjectNode visuals = out.putObject("visuals");
            for (Visual v : d.visuals()) {
                ObjectNode visual = visuals.putObject(v.id());
                visual.set("rows", rows(db, VisualQuery.rows(d, v, filters)));
                if (v.type() == Visual.VisualType.TABLE || v.type() == Visual.VisualType.PIVOT) {
                    visual.set("totals", rows(db, VisualQuery.totals(d, v, filters, List.of())).get(0));
                }
                if (v.type() == Visual.VisualType.PIVOT) {
                    visual.set("rowTotals", rows(db, VisualQuery.totals(d, v, filters, v.dimensions())));
                    visual.set("columnTotals", rows(db, VisualQuery.totals(d, v, filters, List.of(v.series()))));
                }
            }
            return JSON.writeValueAsString(out);
        });
    }

    /** One visual's rows as CSV with a header of column names, as shown on the page under the same filters. */
    public String csv(String name, String visualId, String query) {
        Dashboard d = dashboard(name);
        Visual v = d.visual(visualId);
        if (v == null) {
            throw DashboardRequestException.notFound("dashboard " + name + " has no visual '"
                    + FilterValues.shown(visualId) + "'");
        }
        return marts.read(db -> {
            requireMarts(db, d);
            VisualQuery q = VisualQuery.rows(d, v, checked(db, d, FilterValues.parse(d, query)));
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            try (PreparedStatement statement = prepare(db, q); ResultSet rs = statement.executeQuery()) {
                Csv.write(rs, new PrintStream(csv, true, StandardCharsets.UTF_8));
            }
            return csv.toString(StandardCharsets.UTF_8);
        });
    }

    public String csvFileName(String name, String visualId) {
        return dashboard(name).name() + "-" + visualId.replaceAll("[^a-z0-9_]", "") + ".csv";
    }

    private Dashboard dashboard(String name) {
        Dashboard d = name == null ? null : dashboards.get(name);
        if (d == null) {
            throw DashboardRequestException.notFound("no dashboard '" + FilterValues.shown(String.valueOf(name))
                    + "': there are " + String.join(", ", order));
        }
        return d;
    }

    /** The lake must have every mart and column the dashboard names; an older lake needs a transform first. */
    private void requireMarts(Connection db, Dashboard d) throws SQLException {
        String version = marts.version();
        if (version.equals(fits.get(d.name()))) {
            return;
        }
        Map<String, Set<String>> tables = ReadOnlyMarts.columns(db);
        tables.keySet().retainAll(martNames);
        List<String> problems = Dashboards.check(List.of(d), tables);
        if (!problems.isEmpty()) {
            throw DashboardRequestException.unavailable(
                    "the lake's marts do not have what this dashboard shows (run './tw transform'): " + String.join("; ", problems));
        }
        fits.put(d.name(), version);
    }

    /** A choice must be one of its values, so that a typo is an error and not an empty page. */
    private static FilterValues checked(Connection db, Dashboard d, FilterValues filters) throws SQLException {
        for (Map.Entry<String, String> choice : filters.choices().entrySet()) {
            Dashboard.Options options = d.filters().get(choice.getKey()).options();
            VisualQuery exists = new VisualQuery("SELECT 1 FROM " + MeasureSql.quote(options.mart()) + " WHERE "
                    + MeasureSql.quote(options.value()) + " = ? LIMIT 1", List.of(choice.getValue()));
            try (PreparedStatement statement = prepare(db, exists); ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    throw DashboardRequestException.badRequest(choice.getKey() + " '" + FilterValues.shown(choice.getValue()) + "' is not one of the "
                            + d.filters().get(choice.getKey()).label().toLowerCase() + " values");
                }
            }
        }
        return filters;
    }

    /** A choice's values with their labels; equal labels are told apart by the detail column. */
    private static List<String[]> options(Connection db, Dashboard.Options o) throws SQLException {
        String value = MeasureSql.quote(o.value()), label = MeasureSql.quote(o.shownColumn());
        String detail = o.detail() == null ? "NULL" : MeasureSql.quote(o.detail());
        String sql = "SELECT DISTINCT " + value + ", " + label + ", " + detail + " FROM " + MeasureSql.quote(o.mart())
                + " WHERE " + value + " IS NOT NULL ORDER BY 2, 3, 1";
        List<String[]> options = new java.util.ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                Object shownDetail = rs.getObject(3);
                options.add(new String[] {rs.getString(1), rs.getString(2) + (shownDetail == null ? "" : " · " + text(shownDetail))});
            }
        }
        return options;
    }

    private static ArrayNode rows(Connection db, VisualQuery query) throws SQLException {
        ArrayNode rows = JSON.createArrayNode();
        try (PreparedStatement statement = prepare(db, query); ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                ArrayNode row = rows.addArray();
                for (int i = 1; i <= columns; i++) {
                    value(row, rs.getObject(i));
                }
            }
        }
        return rows;
    }

    /** Decimals as exact text (money stays to the cent), counts as numbers, times to the minute. */
    private static void value(ArrayNode row, Object value) {
        if (value == null) {
            row.addNull();
        } else if (value instanceof BigDecimal d) {
            row.add(d.toPlainString());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
            row.add(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            row.add(((Number) value).doubleValue());
        } else {
            row.add(text(value));
        }
    }

    private static String text(Object value) {
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().format(MINUTES);
        } else if (value instanceof LocalDateTime t) {
            return t.format(MINUTES);
        } else if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        } else if (value instanceof LocalDate date) {
            return date.toString();
        }
        return value.toString();
    }

    private static String scalar(Connection db, String sql) {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() && rs.getObject(1) != null ? text(rs.getObject(1)) : null;
        } catch (SQLException e) {
            // a lake with no load yet, or transformed before it kept a record, says nothing about when
            return null;
        }
    }

    private static PreparedStatement prepare(Connection db, VisualQuery query) throws SQLException {
        PreparedStatement statement = db.prepareStatement(query.sql());
        for (int i = 0; i < query.params().size(); i++) {
            statement.setObject(i + 1, query.params().get(i));
        }
        return statement;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
