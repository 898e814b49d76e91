package com.ticketwarehouse.cli;

import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The invoke mode offline: it loads its own route and nothing else, and names the function as the stacks do. */
class InvokeCommandTest {
    static final Map<String, String> PROPERTIES = Map.of("aws.region", "us-east-1", "aws.accessKeyId", "offline", "aws.secretAccessKey", "offline");

    @BeforeEach
    void offline() {
        PROPERTIES.forEach(System::setProperty);
    }

    @AfterEach
    void restore() {
        PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @Test
    void the_function_of_a_job_is_ticket_warehouse_env_job_and_only_the_invoke_route_is_loaded() {
        Map<String, String> settings = new LinkedHashMap<>(InvokeCommand.overrides());
        settings.put("tw.aws.bucket", "any");
        settings.put("tw.aws.env", "prod");
        try (Pipeline pipeline = Pipeline.start(settings)) {
            assertThat(new Settings(pipeline.context()).get("tw.lambda.function-name", "")).isEqualTo("ticket-warehouse-prod-<job>");
            assertThat(pipeline.context().getRoutes()).extracting(r -> r.getRouteId()).containsExactly("invoke");
        }
    }

    @Test
    void the_other_modes_do_not_load_it() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tw.lake.dir", "target/invoke-test-lake");
        try (Pipeline pipeline = Pipeline.start(settings)) {
            assertThat(pipeline.context().getRoute("invoke")).isNull();
            assertThat(pipeline.context().getRoute("load")).isNotNull();
        }
    }
}
