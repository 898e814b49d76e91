package com.ticketwarehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code tw simulate} in a JVM of its own, so that a benchmark measures the pipeline's heap and not
 * the simulators': what it printed (the environment that points a load at it, the ground truth and
 * the fewest requests the data needs) is read from its standard output.
 */
final class SimulatorProcess implements AutoCloseable {
    private static final String EXPORT = "export ", GROUND_TRUTH = "Ground truth: ", MINIMUM = "Minimum requests: ",
            READY = "Press Ctrl-C to stop.";

    private final Process process;
    private final Thread stopOnExit;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private JsonNode groundTruth;
    private long minimumRequests;

    private SimulatorProcess(Process process) {
        this.process = process;
        // Ctrl-C on the benchmark runs no finally block: without this the simulators would outlive it
        this.stopOnExit = new Thread(process::destroy, "tw-stop-simulators");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** @param cli the command line's main class, whose {@code simulate} runs the simulators */
    static SimulatorProcess start(Class<?> cli, String scale, long seed) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"), cli.getName(),
                "simulate", "--scale", scale, "--seed", Long.toString(seed));
        SimulatorProcess simulators;
        try {
            simulators = new SimulatorProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the simulate process", e);
        }
        try {
            simulators.readUntilReady();
        } catch (RuntimeException e) {
            simulators.close();
            throw e;
        }
        return simulators;
    }

    private void readUntilReady() {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder truth = null;
        try {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(READY)) {
                    if (groundTruth == null || environment.isEmpty()) {
                        throw new IllegalStateException("the simulate process did not print its URLs and ground truth");
                    }
                    return;
                } else if (line.startsWith(MINIMUM)) {
                    minimumRequests = Long.parseLong(line.substring(MINIMUM.length()).trim());
                } else if (line.startsWith(GROUND_TRUTH)) {
                    truth = new StringBuilder(line.substring(GROUND_TRUTH.length()));
                } else if (truth != null && groundTruth == null) {
                    // the ground truth is indented JSON over several lines; its closing brace is alone at the start of one
                    truth.append('\n').append(line);
                    if (line.equals("}")) {
                        groundTruth = new ObjectMapper().readTree(truth.toString());
                    }
                } else if (line.strip().startsWith(EXPORT)) {
                    String assignment = line.strip().substring(EXPORT.length());
                    int equals = assignment.indexOf('=');
                    environment.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the simulate process ended before it was ready" + exitCode());
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The environment a user would export to load from these simulators. */
    Map<String, String> environment() {
        return environment;
    }

    /** The simulate command's ground truth: what a complete load must find. */
    JsonNode groundTruth() {
        return groundTruth;
    }

    long minimumRequests() {
        return minimumRequests;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
}
