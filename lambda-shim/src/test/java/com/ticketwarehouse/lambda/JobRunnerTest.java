package com.ticketwarehouse.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The function's runner without AWS: the aws target started offline (no secret to read, archives
 * to a folder: the S3 sink checks its bucket when it starts, and nothing here leaves loopback).
 */
class JobRunnerTest {
    static final Map<String, String> PROPERTIES = Map.of("aws.region", "us-east-1", "aws.accessKeyId", "offline", "aws.secretAccessKey", "offline");
    static JobRunner runner;

    @BeforeAll
    static void start() {
        PROPERTIES.forEach(System::setProperty);
        runner = JobRunner.start(Map.of("tw.aws.bucket", "offline", "tw.aws.ticketsauce-secret", "", "tw.aws.stripe-secret", "",
                "tw.archive.uri", "file:target/offline-lake"));
    }

    @AfterAll
    static void stop() {
        runner.close();
        PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @Test
    void a_container_restored_from_a_snapshot_does_not_continue_the_snapshots_exchange_ids() {
        String before = runner.context().getUuidGenerator().generateUuid();
        runner.afterRestore(null);
        String after = runner.context().getUuidGenerator().generateUuid();
        assertThat(seed(after)).isNotEqualTo(seed(before));
    }

    @Test
    void a_function_whose_timeout_leaves_no_time_for_pages_says_so_instead_of_never_completing_a_run() {
        assertThatThrownBy(() -> runner.run(new ObjectMapper().readTree("{\"command\": \"crawl\"}"), 30_000))
                .isInstanceOf(JobFailed.class)
                .hasMessage("crawl: the invocation has 30 s left, not more than the 60 s a load keeps before its end "
                        + "(TW_LAMBDA_DEADLINE_MARGIN_SECONDS): give the function a longer timeout");
    }

    @Test
    void a_run_that_took_more_than_four_fifths_of_its_invocations_time_says_so_in_the_line_its_alarm_counts() {
        assertThat(JobRunner.nearTimeout("transform", 720_001, 900_000)).contains(
                "tw: a run near its timeout: transform took 720 s of the 900 s its invocation had");
        assertThat(JobRunner.nearTimeout("transform", 720_000, 900_000)).isEmpty();
        assertThat(JobRunner.nearTimeout("transform", 5_000, 0)).as("no deadline").isEmpty();
    }

    private static String seed(String id) {
        return id.substring(0, id.lastIndexOf('-'));
    }
}
