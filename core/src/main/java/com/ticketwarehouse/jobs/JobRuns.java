package com.ticketwarehouse.jobs;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.archive.Failures;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs jobs: sends a job's input to its {@code direct:} route, keeps its state in the lake and
 * prints its one line. Never two runs of one job at once in this process: a run asked for while
 * the last is still going is skipped and said so, not queued. Once stopping, no new run starts and
 * the loads under way are asked to stop at their next safe point.
 */
public final class JobRuns {
    private final CamelContext context;
    private final Supplier<List<Job>> jobs;
    private final Lake lake;
    private final Loads loads;
    private final Clock clock;
    private final PrintStream out;
    private final Map<String, Instant> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private ProducerTemplate producer;

    public JobRuns(CamelContext context, Supplier<List<Job>> jobs, Lake lake, Loads loads, Clock clock, PrintStream out) {
        this.context = context;
        this.jobs = jobs;
        this.lake = lake;
        this.loads = loads;
        this.clock = clock;
        this.out = out;
    }

    public List<Job> jobs() {
        return jobs.get();
    }

    /** What a trigger calls: runs the job unless its last run is still going; prints the run's line either way. */
    public void scheduled(String name) {
        run(name).ifPresent(state -> out.println(clock.instant() + " " + state.line()));
    }

    /**
     * Runs the job now and records its state; empty (and a line saying why) when its last run is
     * still going or the runner is stopping.
     */
    public Optional<JobState> run(String name) {
        Job job = Jobs.named(jobs.get(), name);
        Instant started = clock.instant();
        if (stopping) {
            out.println(started + " job=" + name + " status=skipped reason=\"the runner is stopping\"");
            return Optional.empty();
        }
        Instant busy = running.putIfAbsent(name, started);
        if (busy != null) {
            out.println(started + " job=" + name + " status=skipped reason=\"its run started at " + busy + " is still going\"");
            return Optional.empty();
        }
        try {
            JobState state = execute(job, started);
            lake.writeState(JobState.stateName(name), state.json());
            return Optional.of(state);
        } finally {
            running.remove(name);
        }
    }

    private JobState execute(Job job, Instant started) {
        Instant lastSuccess = last(job.name()).map(JobState::lastSuccess).orElse(null);
        Exchange exchange = producer().send("direct:" + job.route(), e -> e.getMessage().getHeaders().putAll(job.input()));
        // in milliseconds, as the state file keeps it
        Duration duration = Duration.ofMillis(Duration.between(started, clock.instant()).toMillis());
        if (exchange.getException() != null) {
            // a sync whose load completed but whose crawl or transform failed still names its run
            LoadRun run = exchange.getProperty(ExchangeProperties.RUN, LoadRun.class);
            return new JobState(job.name(), run == null ? null : run.id(), JobState.FAILED, started, duration, run == null ? 0 : run.records(),
                    run == null ? 0 : run.requests(), Failures.oneLine(exchange.getException()), lastSuccess);
        }
        LoadRun run = exchange.getMessage().getBody() instanceof LoadRun r ? r : null;
        if (run == null) {
            return new JobState(job.name(), null, JobState.COMPLETE, started, duration, 0, 0, null, started);
        }
        boolean complete = LoadRun.COMPLETE.equals(run.status());
        return new JobState(job.name(), run.id(), complete ? JobState.COMPLETE : JobState.FAILED, started, duration, run.records(),
                run.requests(), run.error(), complete ? started : lastSuccess);
    }

    private synchronized ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }

    /** The job's last run, from the lake. */
    public Optional<JobState> last(String name) {
        return lake.readState(JobState.stateName(name)).map(JobState::parse);
    }

    /** When the job's run under way started, if one is. */
    public Optional<Instant> runningSince(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /**
     * Starts no new run, asks the loads under way to stop at a safe point and waits for the runs
     * to end; answers whether they did in time.
     */
    public boolean stop(Duration timeout) throws InterruptedException {
        stopping = true;
        loads.stopAll("the runner is stopping");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return running.isEmpty();
    }
}
