package com.ticketwarehouse.routes;

import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.runner.Runner;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled-job template (routes/runner/): a Quartz trigger per job that runs it through
 * JobRuns; a trigger that fires while the job's run is still going is skipped, and says so.
 */
class ScheduledJobTemplateTest extends RouteTestSupport {
    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final PrintStream console = System.out;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        // JobRuns prints each run's line on the standard output it was made with
        System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
        return super.createCamelContext();
    }

    @Override
    Map<String, String> settings() {
        Map<String, String> settings = super.settings();
        settings.putAll(Runner.settings());
        settings.putAll(Map.of("tw.jobs", "slow", "tw.jobs.disabled", "", "tw.job.slow.every", "1s", "tw.job.slow.route", "test-slow"));
        return settings;
    }

    @AfterEach
    void restoreConsole() {
        System.setOut(console);
    }

    @Test
    void a_trigger_while_the_jobs_run_is_still_going_is_skipped_and_says_so() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:test-slow").routeId("test-slow").to("mock:slow").process(exchange -> release.await(30, TimeUnit.SECONDS));
            }
        });
        MockEndpoint job = getMockEndpoint("mock:slow");
        NotifyBuilder threeFires = new NotifyBuilder(context).fromRoute("scheduled-slow").whenDone(3).create();

        TemplatedRouteBuilder.builder(context, "scheduled-job").routeId("scheduled-slow")
                .parameter("job", "slow").parameter("intervalMs", 200).add();

        assertThat(threeFires.matches(15, TimeUnit.SECONDS)).as("two triggers done while the first run goes on").isTrue();
        assertThat(job.getReceivedCounter()).as("one run at a time").isEqualTo(1);
        assertThat(lines.toString(StandardCharsets.UTF_8)).containsPattern("job=slow status=skipped reason=\"its run started at \\S+ is still going\"");

        release.countDown();
        JobRuns runs = context.getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
        job.expectedMinimumMessageCount(2);
        job.assertIsSatisfied(10_000);
        assertThat(runs.last("slow")).hasValueSatisfying(state -> assertThat(state.failed()).isFalse());
        assertThat(lines.toString(StandardCharsets.UTF_8)).containsPattern("job=slow run=- status=complete");
    }
}
