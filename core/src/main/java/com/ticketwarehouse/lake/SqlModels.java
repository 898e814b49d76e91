package com.ticketwarehouse.lake;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL models on the class path ({@code models/staging}, then {@code models/marts}), in an order
 * where each model comes after the models it reads, found from the names each SELECT mentions.
 */
public final class SqlModels {
    public static final List<String> LAYERS = List.of("staging", "marts");

    private SqlModels() {
    }

    public static List<SqlModel> load() {
        List<SqlModel> models = new ArrayList<>();
        for (String layer : LAYERS) {
            for (Path file : listFiles("models/" + layer, ".sql")) {
                String name = file.getFileName().toString().replaceFirst("\\.sql$", "");
                models.add(new SqlModel(layer, name, read(file, name)));
            }
        }
        return ordered(models);
    }

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

    static boolean mentions(String sql, String table) {
        return Pattern.compile("(?i)\\b(from|join)\\s+" + Pattern.quote(table) + "\\b").matcher(sql).find();
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
