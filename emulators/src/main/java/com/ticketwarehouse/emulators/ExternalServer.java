package com.ticketwarehouse.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A server program started beside the tests on loopback (an emulator or a real engine). It fails
 * loudly, with what to install, when the program is missing or does not come up.
 */
public final class ExternalServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private ExternalServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param command the program and its arguments; {@code {port}} is replaced by a free port */
    public static ExternalServer start(String name, String install, Duration timeout, Path log, String... command) {
        return start(name, install, timeout, log, Map.of(), command);
    }

    /** @param environment variables set for the program over this process's (a null value removes one) */
    public static ExternalServer start(String name, String install, Duration timeout, Path log, Map<String, String> environment,
                                       String... command) {
        int port = freePort();
        List<String> args = new ArrayList<>();
        for (String arg : command) {
            args.add(arg.replace("{port}", Integer.toString(port)));
        }
        Process process;
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
            environment.forEach((variable, value) -> {
                if (value == null) {
                    builder.environment().remove(variable);
                } else {
                    builder.environment().put(variable, value);
                }
            });
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(name + " cannot start (" + e.getMessage() + "): " + install, e);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " (see " + log + "): " + install);
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new ExternalServer(process, port);
            } catch (IOException notYet) {
                sleep();
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + " (see " + log + ")");
    }

    /** The program's path: on PATH, or in Go's bin folder where {@code go install} puts it. */
    public static String program(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":" + System.getProperty("user.home") + "/go/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return name;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
