package com.ticketwarehouse.runner;

import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.JobState;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One job's health, as the runner's health endpoint reports it: down when its last run failed,
 * or when it is overdue (no run started for two of its intervals: a missed trigger, or a run stuck
 * that long).
 */
final class JobHealthCheck extends AbstractHealthCheck {
    private final Job job;
    private final JobRuns runs;
    private final Instant runnerStarted;
    private final Clock clock;

    JobHealthCheck(Job job, JobRuns runs, Instant runnerStarted, Clock clock) {
        super("tw", "job-" + job.name());
        this.job = job;
        this.runs = runs;
        this.runnerStarted = runnerStarted;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Optional<JobState> last = runs.last(job.name());
        Optional<Instant> running = runs.runningSince(job.name());
        builder.detail("every", job.every().toString());
        last.ifPresent(state -> builder.detail("last_run", state.line()).detail("last_started_at", state.startedAt().toString()));
        running.ifPresent(since -> builder.detail("running_since", since.toString()));
        if (last.isPresent() && last.get().failed()) {
            builder.message("job " + job.name() + ": its last run failed: " + last.get().error()).down();
            return;
        }
        Instant latest = running.orElse(last.map(JobState::startedAt).filter(t -> t.isAfter(runnerStarted)).orElse(runnerStarted));
        Duration since = Duration.between(latest, clock.instant());
        if (since.compareTo(job.every().multipliedBy(2)) > 0) {
            builder.message("job " + job.name() + " is overdue: " + (running.isPresent() ? "its run has been going" : "no run started")
                    + " for " + since.toSeconds() + " s, and it runs every " + job.every().toSeconds() + " s").down();
            return;
        }
        builder.up();
    }
}
