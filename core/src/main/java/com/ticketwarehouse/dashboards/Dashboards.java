package com.ticketwarehouse.dashboards;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.ticketwarehouse.lake.SqlModels;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dashboard definitions on the class path ({@code dashboards/*.yaml}), read and checked: each
 * file's shape here, and every mart and column it names against the marts' real columns with
 * {@link #check}. A problem names the file and the name.
 */
public final class Dashboards {
    public static final String FOLDER = "dashboards";
    /** Marts and columns are SQL identifiers; nothing else ever reaches a query. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private Dashboards() {
    }

    /** Every definition, by name, in file order; a file of the wrong shape fails naming it. */
    public static Map<String, Dashboard> load() {
        Metrics metrics = Metrics.load();
        Map<String, Dashboard> dashboards = new LinkedHashMap<>();
        for (String file : SqlModels.files(FOLDER, ".yaml")) {
            Dashboard dashboard = parse(file, SqlModels.resource(file), metrics);
            dashboards.put(dashboard.name(), dashboard);
        }
        if (dashboards.isEmpty()) {
            throw new DefinitionException("no dashboard definitions on the class path under " + FOLDER + "/");
        }
        return dashboards;
    }

    /**
     * One definition, its measures resolved from the metrics they name.
     */
    static Dashboard parse(String file, String yaml, Metrics metrics) {
        String name = file.replaceFirst("^.*/", "").replaceFirst("\\.yaml$", "");
        Dashboard dashboard;
        try {
            Dashboard read = YAML.readValue(yaml, Dashboard.class);
            if (read.name() != null || read.file() != null) {
                throw new DefinitionException(file + ": a dashboard's name is its file's name; remove name and file");
            }
            dashboard = new Dashboard(name, file, read.title(), read.description(), read.filters(), read.marts(),
                    resolved(file, read.visuals(), metrics));
        } catch (JsonMappingException e) {
            throw new DefinitionException(file + ": " + e.getOriginalMessage().replaceAll("\\s*\\(.*", "") + " at " + path(e)
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new DefinitionException(file + ": not YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = shapeProblems(dashboard);
        if (!problems.isEmpty()) {
            throw new DefinitionException(file + ": " + String.join("; ", problems));
        }
        return dashboard;
    }

    private static List<Visual> resolved(String file, List<Visual> visuals, Metrics metrics) {
        List<String> problems = new ArrayList<>();
        List<Visual> resolved = new ArrayList<>();
        for (Visual v : visuals) {
            List<Measure> measures = new ArrayList<>();
            for (Measure reference : v.measures()) {
                Measure measure = v.mart() == null ? null : metrics.resolve("visual '" + v.id() + "'", v.mart(), reference, problems);
                if (measure != null) {
                    measures.add(measure);
                }
            }
            resolved.add(new Visual(v.id(), v.type(), v.title(), v.mart(), v.dimensions(), v.series(), measures, v.where(), v.sort(),
                    v.limit(), v.width(), v.stacked()));
        }
        if (!problems.isEmpty()) {
            throw new DefinitionException(file + ": " + String.join("; ", problems));
        }
        return resolved;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.length() == 0 ? "the top" : path.substring(path.charAt(0) == '.' ? 1 : 0);
    }

    /** What is wrong with a definition on its own, before any mart is looked at. */
    static List<String> shapeProblems(Dashboard d) {
        List<String> problems = new ArrayList<>();
        if (!IDENTIFIER.matcher(d.name()).matches()) {
            problems.add("the file name '" + d.name() + "' must be lower case letters, digits and _");
        }
        if (d.title() == null || d.title().isBlank()) {
            problems.add("title is missing");
        }
        if (d.visuals().isEmpty()) {
            problems.add("no visuals");
        }
        d.filters().forEach((id, filter) -> {
            if (filter.type() == null) {
                problems.add("filter '" + id + "' has no type (date_range or choice)");
            } else if (filter.type() == Dashboard.FilterType.CHOICE && (filter.options() == null || filter.options().mart() == null
                    || filter.options().value() == null)) {
                problems.add("filter '" + id + "' is a choice without options: {mart, value}");
            }
            if (d.marts().values().stream().noneMatch(byFilter -> byFilter.containsKey(id))) {
                problems.add("filter '" + id + "' applies to no mart: name its column under marts");
            }
        });
        d.marts().forEach((mart, byFilter) -> byFilter.keySet().stream().filter(f -> !d.filters().containsKey(f))
                .forEach(f -> problems.add("marts." + mart + " names filter '" + f + "', which is not under filters")));
        Set<String> ids = new HashSet<>();
        for (Visual v : d.visuals()) {
            String at = "visual '" + v.id() + "'";
            if (v.id() == null || !IDENTIFIER.matcher(v.id()).matches()) {
                problems.add("a visual's id '" + v.id() + "' must be lower case letters, digits and _");
            } else if (!ids.add(v.id())) {
                problems.add(at + " is declared twice");
            }
            if (v.type() == null || v.mart() == null) {
                problems.add(at + " needs a type (kpi, bar, line, table, pivot) and a mart");
                continue;
            }
            problems.addAll(visualShape(at, v));
        }
        for (String identifier : identifiers(d)) {
            if (!IDENTIFIER.matcher(identifier).matches()) {
                problems.add("'" + identifier + "' is not a mart or column name (lower case letters, digits and _)");
            }
        }
        return problems;
    }

    private static List<String> visualShape(String at, Visual v) {
        List<String> problems = new ArrayList<>();
        int dims = v.dimensions().size(), measures = v.measures().size();
        switch (v.type()) {
            case KPI -> require(problems, at, dims == 0 && v.series() == null && measures == 1, "a kpi has one measure and no dimensions");
            case BAR, LINE -> require(problems, at, dims == 1 && measures >= 1 && (v.series() == null || measures == 1),
                    "a chart has one dimension, and several measures or one measure split by a series");
            case TABLE -> require(problems, at, dims >= 1 && v.series() == null, "a table has dimensions (and measures), no series");
            case PIVOT -> require(problems, at, dims >= 1 && v.series() != null && measures == 1,
                    "a pivot has dimensions as rows, a series as columns and one measure");
        }
        Set<String> measureIds = new HashSet<>();
        for (Measure m : v.measures()) {
            if (!measureIds.add(m.id())) {
                problems.add(at + ": measure '" + m.id() + "' is declared twice");
            }
            if (m.runningTotal() && (v.type() != Visual.VisualType.LINE || m.aggregate() == Measure.Aggregate.RATIO)) {
                problems.add(at + ": measure '" + m.id() + "': a running total is for a sum or count on a line");
            }
        }
        for (Visual.Dimension dimension : v.groupBy()) {
            if (dimension.column() == null) {
                problems.add(at + ": a dimension needs a column");
            }
        }
        if (v.sort() != null) {
            String key = v.sortKey();
            boolean known = v.measure(key) != null || v.groupBy().stream().anyMatch(dim -> key.equals(dim.key()));
            if (!known || !v.sort().trim().matches("\\S+(\\s+(asc|desc))?")) {
                problems.add(at + ": sort '" + v.sort() + "' must be a dimension or measure id, then asc or desc");
            }
        }
        if (v.limit() != null && (v.limit() < 1 || v.limit() > 10_000)) {
            problems.add(at + ": limit must be 1 to 10000");
        }
        if (v.width() != null && !List.of("half", "full").contains(v.width())) {
            problems.add(at + ": width is half or full");
        }
        if (v.stacked() && v.type() != Visual.VisualType.BAR) {
            problems.add(at + ": only bars are stacked");
        }
        return problems;
    }

    private static void require(List<String> problems, String at, boolean ok, String rule) {
        if (!ok) {
            problems.add(at + ": " + rule);
        }
    }

    private static List<String> identifiers(Dashboard d) {
        List<String> names = new ArrayList<>();
        d.columnsByMart().forEach((mart, columns) -> {
            names.add(mart);
            names.addAll(columns);
        });
        return names;
    }

    /**
     * Every mart and column the definitions name that the lake does not have.
     *
     * @param marts the marts' columns as the engine reports them: mart to its column names
     * @return one line per problem, each naming the file, the mart and the column; empty when all exist
     */
    public static List<String> check(Iterable<Dashboard> dashboards, Map<String, ? extends Set<String>> marts) {
        List<String> problems = new ArrayList<>();
        for (Dashboard d : dashboards) {
            d.columnsByMart().forEach((mart, columns) -> {
                Set<String> real = marts.get(mart);
                if (real == null) {
                    problems.add(d.file() + ": mart '" + mart + "' does not exist (marts: " + String.join(", ", marts.keySet()) + ")");
                    return;
                }
                columns.stream().filter(c -> !real.contains(c))
                        .forEach(c -> problems.add(d.file() + ": column '" + c + "' is not in mart '" + mart + "'"));
            });
        }
        return problems;
    }

    /** Fails with every problem {@link #check} finds, one per line. */
    public static void requireColumns(Iterable<Dashboard> dashboards, Map<String, ? extends Set<String>> marts) {
        List<String> problems = check(dashboards, marts);
        if (!problems.isEmpty()) {
            throw new DefinitionException("dashboard definitions name what the marts do not have:\n  " + String.join("\n  ", problems));
        }
    }
}
