package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.ticketwarehouse.lake.SqlModels;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The business measures of {@code metrics/metrics.yaml}, read and checked: each defined once, and
 * every surface (the dashboards, QuickSight, the demo summary, the reports) asks for them by name.
 */
public final class Metrics {
    public static final String FILE = "metrics/metrics.yaml";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    /** A where value becomes a SQL and a QuickSight literal: plain words only. */
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_ .-]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private final Map<String, Metric> byName;

    private Metrics(Map<String, Metric> byName) {
        this.byName = byName;
    }

    /** The project's metrics from the class path; a file of the wrong shape fails naming what is wrong. */
    public static Metrics load() {
        return parse(FILE, SqlModels.resource(FILE));
    }

    static Metrics parse(String file, String yaml) {
        Map<String, Metric> read;
        try {
            read = YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Metric>>() { });
        } catch (JsonMappingException e) {
            throw new DefinitionException(file + ": " + e.getOriginalMessage().replaceAll("\\s*\\(.*", "")
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new DefinitionException(file + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<String, Metric> byName = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        read.forEach((name, m) -> {
            byName.put(name, new Metric(name, m.label(), m.description(), m.format(), m.on()));
            problems.addAll(problems(name, m));
        });
        if (!problems.isEmpty()) {
            throw new DefinitionException(file + ": " + String.join("; ", problems));
        }
        return new Metrics(byName);
    }

    private static List<String> problems(String name, Metric m) {
        List<String> problems = new ArrayList<>();
        String at = "metric '" + name + "'";
        if (!IDENTIFIER.matcher(name).matches()) {
            problems.add(at + ": a name is lower case letters, digits and _");
        }
        if (m.label() == null || m.label().isBlank() || m.format() == null) {
            problems.add(at + " needs a label and a format");
        }
        if (m.on().isEmpty()) {
            problems.add(at + " is defined on no mart: name one under on");
        }
        m.on().forEach((mart, a) -> {
            String on = at + " on " + mart;
            if (a == null || a.aggregates().size() != 1) {
                problems.add(on + " needs exactly one of sum, count, count_distinct, avg, min, max");
                return;
            }
            if (a.metric() != null || a.label() != null || a.runningTotal()) {
                problems.add(on + ": label and format belong to the metric, not to a mart");
            }
            if (!a.over().isEmpty() && a.aggregate() != Measure.Aggregate.RATIO) {
                problems.add(on + " has over without sum");
            }
            List<String> names = new ArrayList<>(a.columns());
            names.add(mart);
            names.stream().filter(n -> !IDENTIFIER.matcher(n).matches())
                    .forEach(n -> problems.add(on + ": '" + n + "' is not a mart or column name (lower case letters, digits and _)"));
            a.where().values().stream().flatMap(List::stream).filter(v -> v == null || !VALUE.matcher(v).matches())
                    .forEach(v -> problems.add(on + ": where value '" + v + "' must be letters, digits, space, _ . or -"));
        });
        return problems;
    }

    public Metric get(String name) {
        Metric metric = byName.get(name);
        if (metric == null) {
            throw new DefinitionException("no metric '" + name + "' in " + FILE + " (metrics: " + String.join(", ", byName.keySet()) + ")");
        }
        return metric;
    }

    public Map<String, Metric> all() {
        return byName;
    }

    /**
     * A dashboard's reference to a metric as the measure the visual shows on its mart: the
     * metric's aggregate, label and format; the reference may only rename it or make it a running total.
     *
     * @return the measure, or null with the problem added
     */
    Measure resolve(String at, String mart, Measure reference, List<String> problems) {
        if (reference.metric() == null || !reference.aggregates().isEmpty() || reference.filtered()) {
            problems.add(at + ": a measure names a metric of " + FILE + " (metric: NAME), never an aggregate of its own");
            return null;
        }
        Metric metric = byName.get(reference.metric());
        if (metric == null) {
            problems.add(at + ": no metric '" + reference.metric() + "' in " + FILE);
            return null;
        }
        Measure aggregate = metric.on().get(mart);
        if (aggregate == null) {
            problems.add(at + ": metric '" + metric.name() + "' is not defined on mart '" + mart + "' (it is on "
                    + String.join(", ", metric.on().keySet()) + ")");
            return null;
        }
        return aggregate.as(metric.name(), reference.id(), reference.label() != null ? reference.label() : metric.label(),
                metric.format(), reference.runningTotal());
    }

    /**
     * One SELECT that asks metrics of a mart, grouped by columns of it.
     *
     * @param mart      null for the first metric's home mart
     * @param condition SQL narrowing the rows (written by our code with {@link #literal} values), or null
     */
    public String select(String mart, List<String> metrics, List<String> groupBy, String condition) {
        mart = mart != null ? mart : get(metrics.get(0)).home();
        StringJoiner select = new StringJoiner(", ");
        groupBy.forEach(c -> select.add(MeasureSql.quote(c)));
        for (String name : metrics) {
            Measure measure = get(name).on(mart);
            if (measure == null) {
                throw new DefinitionException("metric '" + name + "' is not defined on mart '" + mart + "'");
            }
            select.add(MeasureSql.aggregate(measure) + " AS " + MeasureSql.quote(name));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(MeasureSql.quote(mart));
        if (condition != null) {
            sql.append(" WHERE ").append(condition);
        }
        if (!groupBy.isEmpty()) {
            StringJoiner columns = new StringJoiner(", ");
            groupBy.forEach(c -> columns.add(MeasureSql.quote(c)));
            sql.append(" GROUP BY ").append(columns).append(" ORDER BY ").append(columns);
        }
        return sql.toString();
    }

    /** A value from our own code or the lake as a SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
