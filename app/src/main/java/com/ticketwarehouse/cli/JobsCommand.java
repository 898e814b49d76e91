package com.ticketwarehouse.cli;

import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.runtime.Pipeline;
import picocli.CommandLine.Command;

import java.util.stream.Collectors;

@Command(name = "jobs", description = "List the jobs: schedule, route and input, whether switched on, and their last run.")
final class JobsCommand extends PipelineCommand {
    @Override
    int run(Pipeline pipeline) {
        JobRuns runs = pipeline.context().getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        System.out.printf("%-14s %-8s %-4s %-38s %s%n", "job", "every", "on", "runs", "last run");
        for (Job job : runs.jobs()) {
            String input = job.input().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
            String last = runs.last(job.name()).map(s -> s.startedAt() + " " + s.line().replaceFirst("^job=\\S+ ", "")).orElse("never");
            System.out.printf("%-14s %-8s %-4s %-38s %s%n", job.name(), job.every().toString().substring(2).toLowerCase(), job.enabled() ? "yes" : "no",
                    "direct:" + job.route() + (input.isEmpty() ? "" : " " + input), last);
        }
        return 0;
    }
}
