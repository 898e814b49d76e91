package com.ticketwarehouse;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pipeline.prepareApis, as the Lambda function calls it during init: the endpoints a load then calls through, made without a call. */
class PreparedApisTest {
    static Simulators simulators;

    @BeforeAll
    static void start() {
        simulators = Simulators.start(7, Scale.named("2x2"), FaultPlan.none());
    }

    @AfterAll
    static void stop() {
        simulators.close();
    }

    @Test
    void the_endpoints_made_ahead_are_those_a_load_calls_through_and_making_them_calls_nothing(@TempDir Path lake) {
        try (Pipeline pipeline = Pipeline.start(EndToEndTest.settings(simulators, lake))) {
            pipeline.prepareApis();
            List<Endpoint> prepared = httpEndpoints(pipeline);
            assertThat(prepared).extracting(Endpoint::getEndpointUri).hasSize(2).anySatisfy(uri -> assertThat(uri).startsWith(
                    simulators.ticketsauce().baseUrl())).anySatisfy(uri -> assertThat(uri).startsWith(
                    simulators.stripe().baseUrl()));
            assertThat(prepared).allSatisfy(endpoint -> assertThat(((HttpEndpoint) endpoint).getHttpClient()).isNotNull());
            assertThat(simulators.ticketsauce().requestCount() + simulators.stripe().requestCount()).isZero();

            LoadRun run = pipeline.call("load", null, Map.of(Loads.SOURCE, "all", Loads.FROM, "2099-01-01", Loads.TO, "2099-01-02"), LoadRun.class);
            assertThat(run.status()).isEqualTo(LoadRun.COMPLETE);
            assertThat(run.requests()).isEqualTo(7);
            assertThat(httpEndpoints(pipeline)).as("the load made no endpoint of its own").containsExactlyInAnyOrderElementsOf(prepared);
        }
    }

    @Test
    void an_api_with_a_bad_setting_is_left_to_its_loads_to_refuse(@TempDir Path lake) {
        Map<String, String> settings = new java.util.HashMap<>(EndToEndTest.settings(simulators, lake));
        settings.put("stripe.base-url", "stripe.example");
        try (Pipeline pipeline = Pipeline.start(settings)) {
            pipeline.prepareApis();
            assertThat(httpEndpoints(pipeline)).extracting(Endpoint::getEndpointUri).singleElement()
                    .satisfies(uri -> assertThat(uri).startsWith(simulators.ticketsauce().baseUrl()));
        }
    }

    static List<Endpoint> httpEndpoints(Pipeline pipeline) {
        return pipeline.context().getEndpoints().stream().filter(HttpEndpoint.class::isInstance).toList();
    }
}
