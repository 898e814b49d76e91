package com.ticketwarehouse.lake;

import com.ticketwarehouse.extract.Entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL models on the class path ({@code models/staging}, then {@code models/marts}), in an order
 * where each model comes after the models it reads, found from the names each SELECT mentions.
 */
public final class SqlModels {
    public static final List<String> LAYERS = List.of("staging", "marts");
    private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join)\\s+(\\w+)");
    /**
     * The tables each model's SELECT reads, found once per text: a refresh asks, model after model, which
     * others each reads (a regular expression compiled for each pair cost about 0.1 s a refresh).
     */
    private static final Map<String, Set<String>> TABLES_READ = new ConcurrentHashMap<>();

    private SqlModels() {
    }

    /** The models, read once a process (they are resources of its class path, and a refresh's first 50 ms were reading them). */
    public static List<SqlModel> load() {
        List<SqlModel> models = loaded;
        return models != null ? models : readModels();
    }

    private static synchronized List<SqlModel> readModels() {
        if (loaded == null) {
            List<SqlModel> models = new ArrayList<>();
            for (String layer : LAYERS) {
                for (Path file : listFiles("models/" + layer, ".sql")) {
                    String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
                    models.add(new SqlModel(layer, name, read(file, name)));
                }
            }
            loaded = List.copyOf(ordered(models));
        }
        return loaded;
    }

    private static volatile List<SqlModel> loaded;

    /** Dependencies first; a cycle is a bad model set and is reported as such. */
    static List<SqlModel> ordered(List<SqlModel> models) {
        Map<String, SqlModel> byName = new LinkedHashMap<>();
        models.forEach(m -> byName.put(m.name(), m));
        List<SqlModel> ordered = new ArrayList<>();
        Map<String, Boolean> visiting = new LinkedHashMap<>();
        for (SqlModel model : models) {
            visit(model, byName, visiting, ordered);
        }
        return ordered;
    }

    private static void visit(SqlModel model, Map<String, SqlModel> byName, Map<String, Boolean> state, List<SqlModel> out) {
        Boolean done = state.get(model.name());
        if (Boolean.TRUE.equals(done)) {
            return;
        }
        if (Boolean.FALSE.equals(done)) {
            throw new IllegalStateException("SQL models refer to each other in a cycle through " + model.file());
        }
        state.put(model.name(), false);
        for (SqlModel other : byName.values()) {
            if (other != model && mentions(model.select(), other.name())) {
                visit(other, byName, state, out);
            }
        }
        state.put(model.name(), true);
        out.add(model);
    }

    /**
     * The raw entities ({@code source/entity}) each model reads, through the models it reads: the names after
     * FROM and JOIN in its SELECT, as {@link #mentions} finds them. A refresh leaves a model whose entities no new
     * run archived as it is; a SPICE data set is ingested when its mart's changed.
     */
    public static Map<String, Set<String>> entitiesRead(List<SqlModel> models) {
        Map<String, Set<String>> reads = new HashMap<>();
        for (SqlModel model : models) {
            Set<String> names = new TreeSet<>();
            for (String entity : Entities.ALL) {
                if (mentions(model.select(), RawTables.of(entity))) {
                    names.add(entity);
                }
            }
            models.stream().filter(m -> !m.name().equals(model.name()) && mentions(model.select(), m.name())).forEach(m -> names.add(m.name()));
            reads.put(model.name(), names);
        }
        Map<String, Set<String>> entities = new HashMap<>();
        for (String model : reads.keySet()) {
            entities.put(model, resolve(model, reads, new TreeSet<>()));
        }
        return entities;
    }

    private static Set<String> resolve(String name, Map<String, Set<String>> reads, Set<String> seen) {
        Set<String> entities = new TreeSet<>();
        if (!seen.add(name)) {
            return entities;
        }
        for (String read : reads.getOrDefault(name, Set.of())) {
            if (Entities.ALL.contains(read)) {
                entities.add(read);
            } else {
                entities.addAll(resolve(read, reads, seen));
            }
        }
        return entities;
    }

    static boolean mentions(String sql, String table) {
        return TABLES_READ.computeIfAbsent(sql, SqlModels::tablesRead).contains(table.toLowerCase(Locale.ROOT));
    }

    /**
     * The columns the SELECT names, of those given: every word outside comments and strings that is one of
     * them (a word may name another table's column of the same name: more columns, never fewer). All of them
     * where it selects every column ({@code *}, {@code t.*}).
     */
    static List<String> columnsNamed(String sql, List<String> columns) {
        String code = COMMENTS_AND_STRINGS.matcher(sql).replaceAll(" ");
        if (ALL_COLUMNS.matcher(code).find()) {
            return columns;
        }
        Set<String> words = new HashSet<>();
        Matcher word = WORD.matcher(code);
        while (word.find()) {
            words.add(word.group().toLowerCase(Locale.ROOT));
        }
        return columns.stream().filter(c -> words.contains(c.toLowerCase(Locale.ROOT))).toList();
    }

    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("--[^\n]*|'(?:[^']|'')*'");
    private static final Pattern ALL_COLUMNS = Pattern.compile("(?i)(?:\\bselect\\s+(?:distinct\\s+)?|,\\s*|\\.)\\*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The names after FROM and JOIN, in lower case. */
    private static Set<String> tablesRead(String sql) {
        Set<String> tables = new HashSet<>();
        Matcher read = READ.matcher(sql);
        while (read.find()) {
            tables.add(read.group(1).toLowerCase(Locale.ROOT));
        }
        return tables;
    }

    private static String read(Path file, String name) {
        try {
            String sql = SqlMacros.expand(Files.readString(file, StandardCharsets.UTF_8).trim().replaceFirst(";\\s*$", ""));
            if (sql.isEmpty()) {
                throw new IllegalStateException("SQL model " + name + " is empty");
            }
            return sql;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources of a class path folder whose names end with the suffix, as names to {@link #resource}, sorted. */
    public static List<String> files(String folder, String suffix) {
        return listFiles(folder, suffix).stream().map(f -> folder + "/" + f.getFileName()).toList();
    }

    private static List<Path> listFiles(String folder, String suffix) {
        URL url = SqlModels.class.getClassLoader().getResource(folder);
        if (url == null) {
            return List.of();
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                FileSystem jar = jarFileSystem(url);
                return filesEndingWith(jar.getPath(folder), suffix);
            }
            return filesEndingWith(Path.of(url.toURI()), suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized FileSystem jarFileSystem(URL url) throws IOException, URISyntaxException {
        try {
            return FileSystems.getFileSystem(url.toURI());
        } catch (java.nio.file.FileSystemNotFoundException e) {
            return FileSystems.newFileSystem(url.toURI(), Map.of());
        }
    }

    private static List<Path> filesEndingWith(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    /** A resource's text, for the engine shims beside the models and the dashboard definitions. */
    public static String resource(String name) {
        try (InputStream in = SqlModels.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
