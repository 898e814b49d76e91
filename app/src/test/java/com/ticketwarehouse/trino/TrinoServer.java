package com.ticketwarehouse.trino;

import com.ticketwarehouse.emulators.ExternalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real Trino server (the {@code trino-server-core} package with the Hive plugin, unpacked by the
 * Maven profile {@code trino}) in a child process on a free loopback port, with one catalog, {@code hive}:
 * a file metastore and the local file system rooted at {@code root}, so that {@code local:///x} is
 * {@code root/x}. Trino needs a newer JDK than the build's: {@code trino.java.home}.
 */
final class TrinoServer implements AutoCloseable {
    static final String SERVER_DIR = "trino.server.dir", PLUGIN_DIR = "trino.plugin.dir", JAVA_HOME = "trino.java.home";
    static final String DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    static final Duration STARTUP = Duration.ofSeconds(Long.getLong("trino.startup-seconds", 180));

    private final Process process;
    private final Path log;
    private final int port;
    private final Thread stopOnExit;

    private TrinoServer(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-trino");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts the server and waits until it takes queries; fails (never skips) when it cannot. */
    static TrinoServer start(Path work, Path root, String metastoreDir) throws IOException, InterruptedException {
        Path server = installed(SERVER_DIR, "lib");
        Path plugins = installed(PLUGIN_DIR, null);
        Path java = Path.of(System.getProperty(JAVA_HOME, DEFAULT_JAVA_HOME), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("Trino needs a JDK 24 or newer at " + java.getParent().getParent()
                    + " (set -D" + JAVA_HOME + "=<jdk>); found no java there");
        }
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path catalogs = Files.createDirectories(etc.resolve("catalog"));
        Path data = Files.createDirectories(work.resolve("data"));
        int port = ExternalServer.freePort();
        Files.writeString(etc.resolve("config.properties"), String.join("\n",
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "node.environment=test",
                "node.internal-address=127.0.0.1",
                "catalog.config-dir=" + catalogs,
                "plugin.dir=" + plugins,
                "query.max-memory=1GB",
                "query.max-memory-per-node=1GB",
                // one node on a busy 2-core machine: a late heartbeat must not take the only node away
                "failure-detector.enabled=false",
                ""));
        Files.writeString(catalogs.resolve("hive.properties"), String.join("\n",
                "connector.name=hive",
                "hive.metastore=file",
                "hive.metastore.catalog.dir=local:///" + metastoreDir,
                "fs.native-local.enabled=true",
                "local.location=" + root.toAbsolutePath(),
                ""));
        Path log = work.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx2g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true", "-Dfile.encoding=UTF-8",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Dconfig=" + etc.resolve("config.properties"), "-cp", server.resolve("lib") + "/*", "io.trino.server.TrinoServer"));
        Process process = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        TrinoServer trino = new TrinoServer(process, log, port);
        try {
            trino.awaitStarted();
        } catch (RuntimeException | InterruptedException | IOException e) {
            trino.close();
            throw e;
        }
        return trino;
    }

    private static Path installed(String property, String mustHold) {
        String dir = System.getProperty(property);
        if (dir == null) {
            throw new IllegalStateException("-D" + property + " is not set: run the Trino test with './mvnw -B verify -Ptrino', "
                    + "whose profile unpacks the server and the Hive plugin from Maven Central");
        }
        Path path = Path.of(dir);
        if (mustHold != null && !Files.isDirectory(path.resolve(mustHold))) {
            // the package unpacks into a folder named after its version
            try (Stream<Path> children = Files.list(path)) {
                path = children.filter(p -> Files.isDirectory(p.resolve(mustHold))).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no Trino server (a folder with " + mustHold + "/) under " + dir));
            } catch (IOException e) {
                throw new UncheckedIOException("no Trino server at " + dir, e);
            }
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("no folder at " + path + " (-D" + property + ")");
        }
        return path;
    }

    private void awaitStarted() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest info = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/info")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Trino server exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(info, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().replace(" ", "").contains("\"starting\":false")
                        && activeNodes() > 0) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the Trino server did not start in " + STARTUP.toSeconds() + " s:\n" + logTail());
    }

    /** Up is not enough: until the server has announced itself as a worker, queries fail with "No nodes available". */
    private long activeNodes() {
        try (Connection db = connect("system", "runtime"); java.sql.Statement sql = db.createStatement();
             java.sql.ResultSet rs = sql.executeQuery("SELECT count(*) FROM system.runtime.nodes WHERE state = 'active'")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException notYet) {
            return 0;
        }
    }

    Connection connect(String catalog, String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "tw");
        properties.setProperty("timezone", "UTC");
        return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port + "/" + catalog + "/" + schema, properties);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
