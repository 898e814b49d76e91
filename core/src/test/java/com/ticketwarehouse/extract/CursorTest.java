package com.ticketwarehouse.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> texts(ApiPage page) {
        return page.records().stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void ticketsauce_pages_by_number_until_a_short_page() {
        PageNumberCursor cursor = new PageNumberCursor("/orders/e1", "return_tickets=true", 2);
        assertThat(cursor.query()).isEqualTo("return_tickets=true&per_page=2&page=1");
        ApiPage full = cursor.parse(bytes("[{\"Order\":{\"id\":\"a\"}} , {\"Order\":{\"id\":\"b\",\"x\":[1, 2]}}]"));
        assertThat(texts(full)).containsExactly("{\"Order\":{\"id\":\"a\"}}", "{\"Order\":{\"id\":\"b\",\"x\":[1, 2]}}");
        assertThat(full.hasMore()).isTrue();
        cursor.advance(full);
        assertThat(cursor.query()).endsWith("page=2");
        ApiPage last = cursor.parse(bytes("[{\"Order\":{\"id\":\"c\"}}]"));
        cursor.advance(last);
        assertThat(cursor.more()).isFalse();
        assertThat(cursor.pages()).isEqualTo(2);
    }

    @Test
    void no_data_is_an_empty_last_page_and_other_errors_fail() {
        PageNumberCursor cursor = new PageNumberCursor("/orders/e1", "", 100);
        ApiPage empty = cursor.parse(bytes("{\"error\": \"no_data\"}"));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.hasMore()).isFalse();
        assertThatThrownBy(() -> cursor.parse(bytes("{\"error\":\"event not found\"}")))
                .isInstanceOf(ApiException.class).hasMessageContaining("event not found");
    }

    @Test
    void a_cut_off_body_is_retryable() {
        PageNumberCursor cursor = new PageNumberCursor("/orders/e1", "", 100);
        assertThatThrownBy(() -> cursor.parse(bytes("[{\"Order\":{\"id\":\"a\"}}, {\"Ord")))
                .isInstanceOf(RetryableApiException.class).hasMessageContaining("malformed answer from Ticketsauce /orders/e1");
        StartingAfterCursor stripe = new StartingAfterCursor("/v1/charges", "", 100);
        assertThatThrownBy(() -> stripe.parse(bytes("{\"object\":\"list\",\"data\":[{\"id\":\"ch_1\"}")))
                .isInstanceOf(RetryableApiException.class);
    }

    @Test
    void check_in_ids_keep_their_exact_text() {
        PageNumberCursor cursor = new PageNumberCursor("/tickets/checkin_ids/e1", "", 5000);
        ApiPage page = cursor.parse(bytes("[\"t-1\",\"t-2\"]"));
        assertThat(texts(page)).containsExactly("\"t-1\"", "\"t-2\"");
        List<byte[]> wrapped = TicketsauceShapes.CHECKIN_IDS.archived(page, "e1", new java.util.ArrayList<>());
        assertThat(new String(wrapped.get(1), StandardCharsets.UTF_8)).isEqualTo("{\"event_id\":\"e1\",\"ticket_id\":\"t-2\"}");
    }

    @Test
    void stripe_pages_after_the_last_id_while_has_more() {
        StartingAfterCursor cursor = new StartingAfterCursor("/v1/charges", "created%5Bgte%5D=10", 2);
        assertThat(cursor.query()).isEqualTo("created%5Bgte%5D=10&limit=2");
        ApiPage page = cursor.parse(bytes("{\"object\":\"list\",\"url\":\"/v1/charges\",\"has_more\":true,"
                + "\"data\":[{\"id\":\"ch_2\",\"metadata\":{\"id\":\"x\"}},{\"id\":\"ch_1\"}]}"));
        assertThat(page.lastId()).isEqualTo("ch_1");
        cursor.advance(page);
        assertThat(cursor.query()).isEqualTo("created%5Bgte%5D=10&limit=2&starting_after=ch_1");
        ApiPage end = cursor.parse(bytes("{\"object\":\"list\",\"has_more\":false,\"data\":[]}"));
        cursor.advance(end);
        assertThat(cursor.more()).isFalse();
    }

    @Test
    void orders_without_tickets_are_followed_up_not_archived() {
        ApiPage page = new ApiPage(List.of(bytes("{\"Order\":{\"id\":\"a\"},\"Ticket\":[]}"), bytes("{\"Order\":{\"id\":\"b\"},\"LineItemFees\":[]}")), false, null);
        List<String> followUps = new java.util.ArrayList<>();
        List<byte[]> archived = TicketsauceShapes.ORDERS.archived(page, "e1", followUps);
        assertThat(archived).hasSize(1);
        assertThat(followUps).containsExactly("b");
    }

    @Test
    void error_bodies_of_both_apis_read_as_one_line() {
        assertThat(ApiClient.errorMessage(bytes("{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such charge\"}}")))
                .isEqualTo("No such charge");
        assertThat(ApiClient.errorMessage(bytes("{\"error\":\"invalid_client\",\"error_description\":\"bad secret\"}")))
                .isEqualTo("invalid_client (bad secret)");
        assertThat(ApiClient.errorMessage(bytes("<html>\n oops</html>"))).isEqualTo("<html> oops</html>");
        assertThat(ApiClient.retryAfterMillis("2")).isEqualTo(2000);
        assertThat(ApiClient.retryAfterMillis("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(-1);
    }
}
