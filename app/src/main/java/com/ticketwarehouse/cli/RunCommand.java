package com.ticketwarehouse.cli;

import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.JobState;
import com.ticketwarehouse.runner.Runner;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", description = "Run the jobs on their schedules until Ctrl-C or SIGTERM (one line per run; health over HTTP on loopback); "
        + "--once JOB runs one job now and exits with its status.")
final class RunCommand extends PipelineCommand {
    @Option(names = "--once", paramLabel = "JOB", description = "run this job now, once, and exit 0 if it completed, 1 if not")
    String once;

    @Override
    Map<String, String> overrides() {
        Map<String, String> overrides = super.overrides();
        if (once == null) {
            overrides.putAll(Runner.settings());
        }
        return overrides;
    }

    @Override
    public Integer call() {
        if (once != null) {
            return super.call();
        }
        Pipeline pipeline = Pipeline.start(overrides());
        Runner runner;
        try {
            runner = Runner.start(pipeline);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        Duration stopTimeout = Duration.ofSeconds((long) new Settings(pipeline.context()).number("tw.runner.stop-timeout-seconds"));
        System.out.println(Instant.now() + " " + runner.startedLine());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(Instant.now() + " runner stopping: the runs under way stop at their next safe point");
            try {
                boolean ended = runner.stop(stopTimeout);
                System.out.println(Instant.now() + " runner stopped" + (ended ? "" : " (a run did not end within " + stopTimeout.toSeconds() + " s)"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                System.out.flush();
                stopped.countDown();
            }
        }, "tw-runner-stop"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    @Override
    int run(Pipeline pipeline) {
        JobRuns runs = pipeline.context().getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        Optional<JobState> state = runs.run(once);
        state.ifPresent(s -> System.out.println(Instant.now() + " " + s.line()));
        return state.isPresent() && !state.get().failed() ? 0 : 1;
    }
}
