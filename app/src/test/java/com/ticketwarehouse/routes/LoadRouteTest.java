package com.ticketwarehouse.routes;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.Loads;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static com.ticketwarehouse.routes.ApiStub.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The load route (routes/load.yaml): the two APIs read side by side; a load stopped at its deadline is not complete. */
class LoadRouteTest extends RouteTestSupport {

    @Test
    void a_load_of_both_apis_reads_them_side_by_side() throws Exception {
        AdviceWith.adviceWith(context, "load", route -> {
            route.weaveByToUri("direct:extract-ticketsauce").replace().to("mock:extract-ticketsauce");
            route.weaveByToUri("direct:extract-stripe").replace().to("mock:extract-stripe");
        });
        MockEndpoint ticketsauce = getMockEndpoint("mock:extract-ticketsauce");
        MockEndpoint stripe = getMockEndpoint("mock:extract-stripe");
        ticketsauce.expectedMessageCount(1);
        stripe.expectedMessageCount(1);
        // each extraction waits for the other to begin: read one after the other, the first would wait in vain
        CyclicBarrier bothUnderWay = new CyclicBarrier(2);
        ticketsauce.whenAnyExchangeReceived(exchange -> bothUnderWay.await(10, TimeUnit.SECONDS));
        stripe.whenAnyExchangeReceived(exchange -> bothUnderWay.await(10, TimeUnit.SECONDS));

        LoadRun run = load("all", Map.of());

        assertThat(run.status()).as(run.error()).isEqualTo(LoadRun.COMPLETE);
        MockEndpoint.assertIsSatisfied(context);
        assertThat(ticketsauce.getExchanges().get(0).getProperty(ExchangeProperties.RUN)).isSameAs(stripe.getExchanges().get(0).getProperty(ExchangeProperties.RUN));
    }

    @Test
    void a_load_of_one_api_reads_only_that_one() throws Exception {
        AdviceWith.adviceWith(context, "load", route -> {
            route.weaveByToUri("direct:extract-ticketsauce").replace().to("mock:extract-ticketsauce");
            route.weaveByToUri("direct:extract-stripe").replace().to("mock:extract-stripe");
        });
        getMockEndpoint("mock:extract-ticketsauce").expectedMessageCount(0);
        getMockEndpoint("mock:extract-stripe").expectedMessageCount(1);

        assertThat(load("stripe", Map.of()).status()).isEqualTo(LoadRun.COMPLETE);
        MockEndpoint.assertIsSatisfied(context);
    }

    @Test
    void a_load_stops_taking_pages_at_its_deadline_and_is_stopped_not_complete() {
        // the first page of charges comes after the deadline, and says there is more
        apis.script("/v1/charges", ok(stripePage(true, "ch_3", "ch_2")).after(800), ok(stripePage(false, "ch_1")));

        LoadRun run = load("stripe", Map.of(Loads.DEADLINE, Instant.now().plusMillis(400)));

        assertThat(run.status()).isEqualTo(LoadRun.STOPPED);
        assertThat(run.error()).contains("stopped taking pages at its deadline").contains("it is not complete");
        // on a slow machine the deadline may pass before the first request: then there is none at all
        assertThat(apis.requests("/v1/charges")).as("no page after the deadline").hasSizeLessThanOrEqualTo(1);
    }
}
