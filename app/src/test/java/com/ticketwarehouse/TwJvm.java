package com.ticketwarehouse;

import com.ticketwarehouse.cli.Tw;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code ./tw} in a JVM of its own, as the tests start it (and often kill it). Its temporary files go to a
 * folder of its own, removed when the process ends, killed or not: DuckDB unpacks its 57 MB native library
 * there, and a JVM killed with SIGKILL never removes its copy (a suite run left several GB in /tmp).
 */
public final class TwJvm {
    private TwJvm() {
    }

    /**
     * Starts it: the JVM options, then the command's arguments; {@code setUp} gives the process its environment and
     * where its output goes.
     */
    public static Process start(List<String> jvmOptions, List<String> args, Consumer<ProcessBuilder> setUp) throws IOException {
        Path temporary = Files.createTempDirectory("tw-jvm-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.io.tmpdir=" + temporary, "-cp", System.getProperty("java.class.path"), Tw.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        setUp.accept(builder);
        try {
            Process process = builder.start();
            process.onExit().thenRun(() -> delete(temporary));
            return process;
        } catch (IOException | RuntimeException e) {
            delete(temporary);
            throw e;
        }
    }

    private static void delete(Path folder) {
        try {
            EndToEndTest.deleteTree(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
