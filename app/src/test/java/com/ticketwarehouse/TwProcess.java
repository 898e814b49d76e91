package com.ticketwarehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code ./tw} in a JVM of its own, with the environment and JVM options a user gives it: its exit code and all it printed. */
record TwProcess(int exit, String out, String err) {
    static TwProcess run(Map<String, String> environment, List<String> jvmOptions, String... args) {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        options.addAll(jvmOptions);
        try {
            Path out = Files.createTempFile("tw-out", ".txt");
            Path err = Files.createTempFile("tw-err", ".txt");
            try {
                Process process = TwJvm.start(options, List.of(args), builder -> {
                    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
                    builder.environment().putAll(environment);
                });
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException("tw " + String.join(" ", args) + " did not end within 120 s");
                }
                return new TwProcess(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
