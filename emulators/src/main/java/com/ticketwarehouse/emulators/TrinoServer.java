package com.ticketwarehouse.emulators;

import java.io.IOException;
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
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real Trino server (Athena engine v3's engine: {@code trino-server-core} with its plugins, see
 * {@link TrinoInstall}) in a child process on a free loopback port, with the catalogs given, each a
 * name and its properties. It needs a newer JDK than the build's: {@link TrinoInstall#java()}.
 */
public final class TrinoServer implements AutoCloseable {
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

    /** Starts the server in {@code work} and waits until it takes queries; fails (never skips) when it cannot. */
    public static TrinoServer start(TrinoInstall install, Path work, Map<String, Map<String, String>> catalogs)
            throws IOException, InterruptedException {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path catalogDir = Files.createDirectories(etc.resolve("catalog"));
        Path data = Files.createDirectories(work.resolve("data"));
        int port = ExternalServer.freePort();
        Files.writeString(etc.resolve("config.properties"), String.join("\n",
                "coordinator=true",
                "node-scheduler.include-coordinator=true",
                "http-server.http.port=" + port,
                "discovery.uri=http://127.0.0.1:" + port,
                "node.environment=test",
                "node.internal-address=127.0.0.1",
                "catalog.config-dir=" + catalogDir,
                "plugin.dir=" + install.plugins(),
                // -Xmx2g: with 1 GB of heap and 1 GB for queries the server refuses to start
                "query.max-memory=1GB",
                "query.max-memory-per-node=1GB",
                // one node on a busy 2-core machine: a late heartbeat must not take the only node away
                "failure-detector.enabled=false",
                ""));
        for (Map.Entry<String, Map<String, String>> catalog : catalogs.entrySet()) {
            StringBuilder properties = new StringBuilder();
            catalog.getValue().forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
            Files.writeString(catalogDir.resolve(catalog.getKey() + ".properties"), properties);
        }
        Path log = work.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(install.java().toString(), "-Xmx2g", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+EnableDynamicAgentLoading", "-Djdk.attach.allowAttachSelf=true", "-Dfile.encoding=UTF-8",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-Dconfig=" + etc.resolve("config.properties"), "-cp", install.server().resolve("lib") + "/*", "io.trino.server.TrinoServer"));
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

    public Connection connect(String catalog, String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "tw");
        properties.setProperty("timezone", "UTC");
        return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port + "/" + catalog + "/" + schema, properties);
    }

    public String logTail() {
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
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
