package com.ticketwarehouse.runner;

import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.LakeLease;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.runtime.RouteFolders;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.platform.http.main.DefaultMainHttpServerFactory;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.main.MainConfigurationProperties;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The long-lived runner ({@code ./tw run}): takes the lake's lease, makes one Quartz route per
 * enabled job from the {@code scheduled-job} template (routes/runner/, loaded in this mode only),
 * and serves Camel's health checks, one per job, over HTTP on loopback.
 */
public final class Runner {
    public static final String HEALTH_PATH = "/observe/health";
    static final String ROUTES = "classpath:routes/runner/*.yaml";
    /** How far ahead of its route Camel starts a trigger (QuartzEndpoint's triggerStartDelay, by default). */
    private static final long TRIGGER_START_MS = 500;
    /** How often, on a lake never loaded, the runner looks whether the first run has ended. */
    private static final long FIRST_RUN_POLL_MS = 500;

    private final Pipeline pipeline;
    private final JobRuns runs;
    private final LakeLease lease;
    private final ScheduledExecutorService renewals;
    private final int healthPort;
    private final List<Job> jobs;
    private volatile boolean stopping;

    private Runner(Pipeline pipeline, JobRuns runs, LakeLease lease, ScheduledExecutorService renewals, int healthPort, List<Job> jobs) {
        this.pipeline = pipeline;
        this.runs = runs;
        this.lease = lease;
        this.renewals = renewals;
        this.healthPort = healthPort;
        this.jobs = jobs;
    }

    /** The settings of the runner mode: its routes folder on top of the others, and health checks. */
    public static Map<String, String> settings() {
        // the progress of loads would interleave with the runs' lines; each run has its line
        Map<String, String> settings = new HashMap<>(RouteFolders.including(ROUTES));
        settings.putAll(Map.of("camel.health.enabled", "true", "tw.progress", "false"));
        return settings;
    }

    /** Starts the runner on a pipeline started with {@link #settings()}; fails with one line if another runner holds the lake. */
    /** The lease that makes a runner the only one on its lake (its state file). */
    static final String LEASE = "runner.lease";

    /** The runner's lease on the lake: a second runner is refused. */
    static LakeLease lease(Lake lake, Duration ttl, Clock clock) {
        return new LakeLease(lake.files(), LEASE, "runner", "stop it first", ttl, clock);
    }

    public static Runner start(Pipeline pipeline) {
        CamelContext context = pipeline.context();
        Settings settings = new Settings(context);
        Clock clock = Clock.systemUTC();
        JobRuns runs = context.getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        Lake lake = context.getRegistry().lookupByNameAndType("lake", Lake.class);
        List<Job> jobs = runs.jobs().stream().filter(Job::enabled).toList();
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("every job is switched off (tw.jobs.disabled, TW_JOBS_DISABLED): nothing to run");
        }
        LakeLease lease = lease(lake, Duration.ofSeconds((long) settings.number("tw.runner.lease-seconds")), clock);
        lease.acquire();
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tw-runner-lease");
            thread.setDaemon(true);
            return thread;
        });
        long renewEvery = Math.max(1, lease.ttl().toMillis() / 3);
        renewals.scheduleAtFixedRate(() -> {
            if (!lease.renew()) {
                // another runner took the lake (this one paused past the lease's time): two must never run on it
                System.out.println(clock.instant() + " runner stopping: another runner took this lake's lease; no new run starts");
                renewals.shutdown();
                try {
                    runs.stop(Duration.ZERO);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        try {
            Instant started = clock.instant();
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            // with each check's message: why a job is down
            health.setExposureLevel("full");
            for (Job job : jobs) {
                health.register(new JobHealthCheck(job, runs, started, clock));
            }
            int port = (int) settings.number("tw.runner.health-port");
            HttpManagementServerConfigurationProperties server = new MainConfigurationProperties().httpManagementServer();
            server.setEnabled(true);
            server.setHost(settings.get("tw.runner.health-host", "127.0.0.1"));
            server.setPort(port);
            server.setHealthCheckEnabled(true);
            Service http = new DefaultMainHttpServerFactory().newHttpManagementServer(context, server);
            try {
                context.addService(http, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("the health server cannot listen on 127.0.0.1:" + port + " (tw.runner.health-port, TW_HEALTH_PORT): "
                        + e.getMessage(), e);
            }
            Runner runner = new Runner(pipeline, runs, lease, renewals, port, jobs);
            Job first = jobs.get(0);
            if (neverLoaded(runs, jobs)) {
                // the first load alone: the others would read a lake it has not filled yet, or read all of Stripe beside it
                runner.schedule(List.of(first));
                Thread others = new Thread(() -> runner.scheduleAfterFirstRun(first, started, jobs.subList(1, jobs.size())), "tw-runner-first-load");
                others.setDaemon(true);
                others.start();
            } else {
                runner.schedule(jobs);
            }
            return runner;
        } catch (RuntimeException e) {
            renewals.shutdownNow();
            lease.release();
            throw e;
        }
    }

    /** A lake where no job ever completed: nothing has been loaded for the jobs to read. */
    private static boolean neverLoaded(JobRuns runs, List<Job> jobs) {
        return jobs.stream().allMatch(job -> runs.last(job.name()).map(state -> state.lastSuccess() == null).orElse(true));
    }

    /**
     * A Quartz route per job, whose trigger fires at once, then every interval; none once the runner
     * is stopping. Camel starts a trigger half a second ahead (its consumer starts after it) and
     * skips a fire before that start ("Trigger exists outside StartTime"), while Quartz fires up to
     * a few milliseconds early: so a job's first run was lost now and then. Quartz stands by until
     * the triggers' start has passed, so each first fire comes after it.
     */
    private synchronized void schedule(List<Job> scheduled) {
        if (stopping) {
            return;
        }
        Scheduler quartz = pipeline.context().getComponent("quartz", QuartzComponent.class).getScheduler();
        try {
            quartz.standby();
            try {
                for (Job job : scheduled) {
                    TemplatedRouteBuilder.builder(pipeline.context(), "scheduled-job").routeId("scheduled-" + job.name())
                            .parameter("job", job.name()).parameter("intervalMs", job.every().toMillis()).add();
                }
                TimeUnit.MILLISECONDS.sleep(TRIGGER_START_MS + 500);
            } finally {
                quartz.start();
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz cannot schedule the jobs: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Schedules the other jobs once the first job's first run (since the runner started) has ended, complete or not. */
    private void scheduleAfterFirstRun(Job first, Instant started, List<Job> others) {
        while (!stopping && runs.last(first.name()).map(state -> state.startedAt().isBefore(started)).orElse(true)) {
            try {
                TimeUnit.MILLISECONDS.sleep(FIRST_RUN_POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
        schedule(others);
    }

    public String startedLine() {
        return "runner started: " + jobs.stream().map(j -> j.name() + " every " + j.every().toString().substring(2).toLowerCase()).toList()
                + "; health at http://" + "127.0.0.1:" + healthPort + HEALTH_PATH;
    }

    /**
     * Starts no new run, lets the runs under way stop at a safe point (their loads end not
     * complete, so the next run reads them again), then frees the lake and stops Camel.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        synchronized (this) {
            stopping = true;
        }
        boolean ended = runs.stop(timeout);
        renewals.shutdownNow();
        lease.release();
        pipeline.close();
        return ended;
    }
}
