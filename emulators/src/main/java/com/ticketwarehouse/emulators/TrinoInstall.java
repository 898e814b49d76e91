package com.ticketwarehouse.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where a Trino server is: its folder (with {@code lib/}), the folder of its plugins (Hive and
 * Iceberg) and the JDK 24+ that runs it. Either unpacked by the build's {@code trino} profile (the
 * tests), or downloaded once from Maven Central into a cache folder ({@code ./tw emulate}).
 */
public record TrinoInstall(Path server, Path plugins, Path java) {
    public static final String VERSION = "476";
    /** The JDK that runs Trino: this variable, else the system property, else Temurin 25 where Debian's package puts it. */
    public static final String JAVA_HOME_VARIABLE = "TW_TRINO_JAVA_HOME", JAVA_HOME_PROPERTY = "trino.java.home";
    static final String DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    /** The system properties the build's {@code trino} profile sets for its tests. */
    public static final String SERVER_DIR = "trino.server.dir", PLUGIN_DIR = "trino.plugin.dir";
    static final String CENTRAL = "https://repo1.maven.org/maven2/io/trino/";
    /** What the server is made of: the server itself (a tar.gz) and the plugins it needs beside its own (zips). */
    static final List<String> SERVER = List.of("trino-server-core", "tar.gz"), PLUGINS = List.of("trino-hive", "trino-iceberg");

    public TrinoInstall {
        requireJava(java);
    }

    /** The java program of the JDK that runs Trino, as configured; fails in one line, naming the setting, if there is none. */
    public static Path configuredJava() {
        String home = System.getenv(JAVA_HOME_VARIABLE);
        Path java = Path.of(home != null && !home.isBlank() ? home : System.getProperty(JAVA_HOME_PROPERTY, DEFAULT_JAVA_HOME), "bin", "java");
        requireJava(java);
        return java;
    }

    private static void requireJava(Path java) {
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("Trino needs a JDK 24 or newer: none at " + java.getParent().getParent()
                    + " (set " + JAVA_HOME_VARIABLE + "=<jdk>)");
        }
    }

    /** What the build's {@code trino} profile unpacked ({@code -Dtrino.server.dir}, {@code -Dtrino.plugin.dir}). */
    public static TrinoInstall fromBuild() {
        String server = System.getProperty(SERVER_DIR), plugins = System.getProperty(PLUGIN_DIR);
        if (server == null || plugins == null) {
            throw new IllegalStateException("-D" + SERVER_DIR + " and -D" + PLUGIN_DIR + " are not set: run the Trino tests with "
                    + "'./mvnw -B verify -Ptrino', whose profile unpacks the server and its plugins from Maven Central");
        }
        return new TrinoInstall(serverFolder(Path.of(server)), Path.of(plugins), configuredJava());
    }

    /**
     * The server and plugins in {@code cache}, downloaded and unpacked the first time (about 800 MB, with
     * progress on {@code progress}); a download cut short is never taken for a whole one.
     */
    public static TrinoInstall cached(Path cache, PrintStream progress) throws IOException, InterruptedException {
        Path java = configuredJava();
        Path server = cache.resolve("server"), plugins = cache.resolve("plugin");
        if (!Files.isDirectory(server) || !Files.isDirectory(plugins)) {
            progress.println("Trino " + VERSION + " is not in " + cache + " yet: downloading it from Maven Central once (about 800 MB)");
            Files.createDirectories(cache);
            Path partial = Files.createTempDirectory(cache, ".download-");
            try {
                Path archive = download(SERVER.get(0), SERVER.get(1), partial, progress);
                unpackTar(archive, Files.createDirectories(partial.resolve("server")));
                Files.delete(archive);
                for (String plugin : PLUGINS) {
                    Path zip = download(plugin, "zip", partial, progress);
                    unpackZip(zip, Files.createDirectories(partial.resolve("plugin")));
                    Files.delete(zip);
                }
                deleteTree(server);
                deleteTree(plugins);
                Files.move(partial.resolve("plugin"), plugins, StandardCopyOption.ATOMIC_MOVE);
                // the server folder last: its presence says the whole install is there
                Files.move(partial.resolve("server"), server, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(partial);
            }
            progress.println("Trino " + VERSION + " is in " + cache);
        }
        return new TrinoInstall(serverFolder(server), plugins, java);
    }

    /** The package unpacks into a folder named after its version. */
    static Path serverFolder(Path dir) {
        if (Files.isDirectory(dir.resolve("lib"))) {
            return dir;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isDirectory(p.resolve("lib"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Trino server (a folder with lib/) under " + dir));
        } catch (IOException e) {
            throw new UncheckedIOException("no Trino server at " + dir, e);
        }
    }

    /** One artifact of Maven Central, checked against its published SHA-1. */
    static Path download(String artifact, String extension, Path folder, PrintStream progress) throws IOException, InterruptedException {
        String name = artifact + "-" + VERSION + "." + extension;
        String url = CENTRAL + artifact + "/" + VERSION + "/" + name;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
        String expected = http.send(HttpRequest.newBuilder(URI.create(url + ".sha1")).build(), HttpResponse.BodyHandlers.ofString())
                .body().trim().split("\\s+")[0];
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        Path file = folder.resolve(name);
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            long done = 0;
            int shownTenth = -1;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                sha1.update(buffer, 0, n);
                done += n;
                int tenth = total > 0 ? (int) (done * 10 / total) : -1;
                if (tenth != shownTenth) {
                    shownTenth = tenth;
                    progress.printf("  %s: %d of %d MB%n", name, done >> 20, total >> 20);
                }
            }
        }
        String actual = HexFormat.of().formatHex(sha1.digest());
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IOException(name + " does not match its SHA-1 on Maven Central (" + actual + ", expected " + expected + ")");
        }
        return file;
    }

    static void unpackTar(Path archive, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", into.toString()).inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar could not unpack " + archive + " (exit " + tar.exitValue() + ")");
        }
    }

    static void unpackZip(Path archive, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException(archive + " holds a path outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
