package com.ticketwarehouse.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.archive.Failures;
import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.camel.support.DefaultUuidGenerator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The function for the life of its container: Camel Main on the aws target, started once, and the
 * jobs of the configuration. Each invocation goes through the same {@code direct:} routes as the
 * CLI and the scheduled runner. Registered for SnapStart's checkpoint and restore.
 */
public final class JobRunner implements Resource, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pipeline pipeline;
    private final List<Job> jobs;
    private final Duration margin;

    private JobRunner(Pipeline pipeline) {
        this.pipeline = pipeline;
        Settings settings = new Settings(pipeline.context());
        this.jobs = Jobs.read(key -> Optional.ofNullable(settings.get(key, null)));
        this.margin = Duration.ofSeconds((long) settings.number("tw.lambda.deadline-margin-seconds"));
    }

    /** @param overrides settings over the aws target's (the tests point them at emulators) */
    public static JobRunner start(Map<String, String> overrides) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tw.target", Settings.AWS);
        // progress lines are for a terminal; the result and one line per run go to the log
        settings.put("tw.progress", "false");
        settings.putAll(overrides);
        long started = System.nanoTime();
        Pipeline pipeline = Pipeline.start(settings);
        JobRunner runner;
        try {
            runner = new JobRunner(pipeline);
            pipeline.prepareApis();
        } catch (RuntimeException e) {
            // a start that fails is tried again: it must not leave a Camel context behind
            pipeline.close();
            throw e;
        }
        Core.getGlobalContext().register(runner);
        System.out.printf("ticket warehouse started in %d ms (%d ms since the JVM started)%n", (System.nanoTime() - started) / 1_000_000,
                ManagementFactory.getRuntimeMXBean().getUptime());
        return runner;
    }

    /**
     * Runs what the input asks for and answers its result. A load stops taking pages {@code margin}
     * before the invocation's end (its run is then "stopped", not complete, and the result says so).
     *
     * @param remainingMillis the invocation's time left (Context.getRemainingTimeInMillis); 0 for no deadline
     * @throws JobFailed when the input is bad or the run failed, with the cause in one line
     */
    public ObjectNode run(JsonNode input, long remainingMillis) {
        Invocation invocation;
        try {
            invocation = Invocation.read(input, jobs);
        } catch (IllegalArgumentException e) {
            throw new JobFailed(e.getMessage());
        }
        if (remainingMillis > 0 && remainingMillis <= margin.toMillis()) {
            // every load would stop before its first page, and no run would ever complete
            throw new JobFailed(invocation.name() + ": the invocation has " + remainingMillis / 1000 + " s left, not more than the "
                    + margin.toSeconds() + " s a load keeps before its end (TW_LAMBDA_DEADLINE_MARGIN_SECONDS): give the function a longer timeout");
        }
        Map<String, Object> headers = new HashMap<>(invocation.headers());
        if (remainingMillis > 0) {
            headers.put(Loads.DEADLINE, Instant.now().plusMillis(remainingMillis).minus(margin));
        }
        Object answer;
        long started = System.nanoTime();
        try {
            answer = pipeline.call(invocation.route(), null, headers, Object.class);
        } catch (RuntimeException e) {
            throw new JobFailed(invocation.name() + ": " + Failures.oneLine(e));
        } finally {
            nearTimeout(invocation.name(), (System.nanoTime() - started) / 1_000_000, remainingMillis).ifPresent(System.out::println);
        }
        // how long the route itself took: what the invocation spent beyond it is the function's overhead
        long routeMillis = (System.nanoTime() - started) / 1_000_000;
        ObjectNode result = JSON.createObjectNode().put("job", invocation.name()).put("route", invocation.route()).put("route_ms", routeMillis);
        if (answer instanceof LoadRun run) {
            result.setAll(manifest(run));
            System.out.printf("%s: load %s %s: %d records, %d requests in %.1f s%n", invocation.name(), run.id(), run.status(),
                    run.records(), run.requests(), routeMillis / 1000.0);
            if (LoadRun.FAILED.equals(run.status())) {
                throw new JobFailed(invocation.name() + ": load " + run.id() + " failed: " + run.error());
            }
            if (LoadRun.STOPPED.equals(run.status())) {
                System.out.println(invocation.name() + ": " + run.error());
            }
        } else {
            result.put("status", LoadRun.COMPLETE).put("report", answer == null ? "" : answer.toString());
            System.out.println(invocation.name() + ": " + invocation.route() + " complete");
        }
        return result;
    }

    /**
     * The line that says a run took most of the time its invocation had (a run that times out says nothing: it
     * fails, and lands in the dead letters), or none.
     */
    static Optional<String> nearTimeout(String name, long tookMillis, long hadMillis) {
        return hadMillis > 0 && tookMillis > hadMillis * Jobs.NEAR_TIMEOUT_SHARE
                ? Optional.of(String.format("%s: %s took %d s of the %d s its invocation had", Jobs.NEAR_TIMEOUT_REPORT, name, tookMillis / 1000,
                hadMillis / 1000)) : Optional.empty();
    }

    private static ObjectNode manifest(LoadRun run) {
        try {
            return (ObjectNode) JSON.readTree(run.manifestJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CamelContext context() {
        return pipeline.context();
    }

    @Override
    public void close() {
        pipeline.close();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // nothing to let go of: init opens no connection to the APIs, and the AWS SDK replaces connections that died
    }

    /**
     * A container restored from a snapshot shares the snapshot's memory with every other one: what
     * must differ per container is made anew here. Run ids come from SecureRandom, which Lambda
     * reseeds on restore; Camel's exchange ids get a fresh generator; pooled API connections,
     * whose sockets did not survive, are dropped.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        CamelContext camel = pipeline.context();
        camel.setUuidGenerator(new DefaultUuidGenerator());
        // camel-http gives each endpoint a pool of its own (the component has none unless given one)
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof HttpEndpoint http && http.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager pool) {
                pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
        }
    }
}
