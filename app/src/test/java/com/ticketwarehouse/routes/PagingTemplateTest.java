package com.ticketwarehouse.routes;

import com.ticketwarehouse.archive.LoadRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.ticketwarehouse.routes.ApiStub.Answer.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** The paged-extract template (routes/paging.yaml): both cursor styles, the last page, an empty page. */
class PagingTemplateTest extends RouteTestSupport {

    @Test
    void a_stripe_list_pages_by_starting_after_until_has_more_is_false_and_an_empty_list_takes_one_request() {
        apis.script("/v1/charges", ok(stripePage(true, "ch_3", "ch_2")), ok(stripePage(false, "ch_1")));

        LoadRun run = load("stripe", Map.of());

        assertThat(run.status()).as(run.error()).isEqualTo(LoadRun.COMPLETE);
        List<ApiStub.Request> pages = apis.requests("/v1/charges");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).query()).contains("limit=2").doesNotContain("starting_after");
        assertThat(pages.get(1).query()).contains("limit=2").contains("starting_after=ch_2");
        assertThat(records(run, "stripe/charges")).isEqualTo(3);
        // an empty list: one request, nothing archived
        assertThat(apis.requests("/v1/refunds")).hasSize(1);
        assertThat(records(run, "stripe/refunds")).isZero();
    }

    @Test
    void a_ticketsauce_list_pages_by_number_until_a_short_page_and_an_empty_page_ends_it() {
        apis.script("/v2/events", ok("[{\"Event\":{\"id\":\"e1\"}}]"));
        apis.script("/v2/orders/e1", ok(orders("o1", "o2")), ok(orders("o3", "o4")), ok(orders("o5")));
        // no check-ins: Ticketsauce's "nothing found"
        apis.script("/v2/tickets/checkin_ids/e1", ok("{\"error\":\"no_data\"}"));

        LoadRun run = load("ticketsauce", Map.of());

        assertThat(run.status()).as(run.error()).isEqualTo(LoadRun.COMPLETE);
        assertThat(apis.requests("/v2/orders/e1")).extracting(ApiStub.Request::query)
                .containsExactly("return_tickets=true&return_line_item_fees=true&per_page=2&page=1",
                        "return_tickets=true&return_line_item_fees=true&per_page=2&page=2",
                        "return_tickets=true&return_line_item_fees=true&per_page=2&page=3");
        assertThat(records(run, "ticketsauce/orders")).isEqualTo(5);
        assertThat(apis.requests("/v2/tickets/checkin_ids/e1")).hasSize(1);
        assertThat(records(run, "ticketsauce/checkins")).isZero();
        assertThat(records(run, "ticketsauce/events")).isEqualTo(1);
    }

    /** A page of orders that came with their tickets. */
    static String orders(String... ids) {
        StringBuilder page = new StringBuilder();
        for (String id : ids) {
            page.append(page.isEmpty() ? "" : ",").append("{\"Order\":{\"id\":\"").append(id).append("\"},\"Ticket\":[]}");
        }
        return "[" + page + "]";
    }
}
