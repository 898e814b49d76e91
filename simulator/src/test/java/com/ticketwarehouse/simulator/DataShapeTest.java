package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The varied shape changes the form of the answers, never their values, and does so the same way every time. */
class DataShapeTest {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void varied_answers_hold_the_reference_values_in_other_forms() throws java.io.IOException {
        try (Simulators reference = Simulators.start(11, Scale.named("6x40"), FaultPlan.none(), DataShape.reference(), NOW, 0, 0);
             Simulators varied = Simulators.start(11, Scale.named("6x40"), FaultPlan.none(), DataShape.varied(), NOW, 0, 0)) {
            String refAuth = Http.bearer(Http.token(reference.ticketsauce()));
            String varAuth = Http.bearer(Http.token(varied.ticketsauce()));
            JsonNode events = Http.get(reference.ticketsauce().baseUrl() + "/events?privacy_type=all", refAuth).json();
            Set<String> drifted = new HashSet<>();
            long ordersWithPromo = 0, unsold = 0;
            for (JsonNode event : events) {
                String id = event.get("Event").get("id").asText();
                String query = "/orders/" + id + "?per_page=100&page=1&return_tickets=true&return_line_item_fees=true";
                JsonNode refOrders = Http.get(reference.ticketsauce().baseUrl() + query, refAuth).json();
                byte[] varText = Http.get(varied.ticketsauce().baseUrl() + query, varAuth).bytes();
                assertThat(Http.get(varied.ticketsauce().baseUrl() + query, varAuth).bytes()).as("the same answer each time").isEqualTo(varText);
                JsonNode varOrders = Http.JSON.readTree(varText);
                if (!refOrders.isArray()) {
                    continue;
                }
                for (int o = 0; o < refOrders.size(); o++) {
                    JsonNode ref = refOrders.get(o).get("Order"), var = varOrders.get(o).get("Order");
                    assertThat(var.get("id")).isEqualTo(ref.get("id"));
                    assertThat(new BigDecimal(var.get("total_paid").asText())).isEqualByComparingTo(ref.get("total_paid").asText());
                    assertThat(var.has("promo_code")).as("never on an order").isFalse();
                    ordersWithPromo += ref.get("promo_code").isNull() ? 0 : 1;
                    if (!var.get("total_paid").isTextual()) {
                        drifted.add("Order.total_paid as a number");
                    }
                    if (!var.has("phone")) {
                        drifted.add("Order.phone left out");
                    }
                    JsonNode tickets = varOrders.get(o).path("Ticket");
                    for (int t = 0; t < tickets.size(); t++) {
                        JsonNode refTicket = refOrders.get(o).get("Ticket").get(t), ticket = tickets.get(t);
                        assertThat(new BigDecimal(ticket.get("price").asText())).isEqualByComparingTo(refTicket.get("price").asText());
                        assertThat(ticket.get("redeemed").asBoolean()).isEqualTo(refTicket.get("redeemed").asBoolean());
                        if (ticket.get("TicketType").isArray()) {
                            drifted.add("TicketType as []");
                        }
                        if (!ticket.get("redeemed").isBoolean()) {
                            drifted.add("redeemed not a boolean");
                        }
                    }
                }
                JsonNode checkins = Http.get(varied.ticketsauce().baseUrl() + "/tickets/checkin_ids/" + id + "?per_page=5000&page=1", varAuth).json();
                JsonNode refCheckins = Http.get(reference.ticketsauce().baseUrl() + "/tickets/checkin_ids/" + id + "?per_page=5000&page=1", refAuth).json();
                unsold += (checkins.isArray() ? checkins.size() : 0) - (refCheckins.isArray() ? refCheckins.size() : 0);
            }
            assertThat(ordersWithPromo).as("the reference puts promo codes on orders").isPositive();
            assertThat(drifted).containsExactlyInAnyOrder("Order.total_paid as a number", "Order.phone left out", "TicketType as []",
                    "redeemed not a boolean");
            assertThat(unsold).isEqualTo(varied.groundTruth().unknownCheckins()).isPositive();
            assertThat(reference.groundTruth().unknownCheckins()).isZero();
            assertThat(varied.groundTruth().toMap()).usingRecursiveComparison().ignoringFields("unknownCheckins")
                    .isEqualTo(reference.groundTruth().toMap());
        }
    }

    @Test
    void a_shape_is_named_reference_or_varied() {
        assertThat(DataShape.named("VARIED").isVaried()).isTrue();
        assertThatThrownBy(() -> DataShape.named("odd")).hasMessage("unknown data shape 'odd': use reference or varied");
    }
}
