package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Fetch the whole "small" account over HTTP, sum it with BigDecimal, and compare with the ground truth. */
class GroundTruthTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String STRIPE = "Bearer " + Simulators.STRIPE_KEY;

    @Test
    void groundTruthAgreesWithWhatTheApisAnswer() {
        try (Simulators s = Simulators.start(2024, Scale.named("small"), FaultPlan.none(), NOW, 0, 0)) {
            GroundTruth gt = s.groundTruth();
            String ts = s.ticketsauce().baseUrl();
            String auth = Http.bearer(Http.token(s.ticketsauce()));

            // ---- Ticketsauce, as a client with per_page 100 / 5000 would fetch it
            JsonNode events = Http.get(ts + "/events?privacy_type=all", auth).json();
            long orders = 0;
            long tickets = 0;
            long comps = 0;
            long checkins = 0;
            long missing = 0;
            BigDecimal face = BigDecimal.ZERO;
            BigDecimal paid = BigDecimal.ZERO;
            BigDecimal feeTotal = BigDecimal.ZERO;
            Map<String, BigDecimal> fees = new TreeMap<>();
            Map<String, BigDecimal> orderTotals = new HashMap<>();
            for (JsonNode w : events) {
                String id = w.get("Event").get("id").asText();
                Set<String> redeemed = new HashSet<>();
                String orderList = ts + "/orders/" + id + "?return_tickets=true&return_line_item_fees=true";
                for (JsonNode o : Http.allPages(orderList, auth, 100)) {
                    if (!o.has("Ticket")) {
                        missing++;
                        o = Http.get(ts + "/order/" + o.get("Order").get("id").asText(), auth).json();
                    }
                    orders++;
                    BigDecimal total = new BigDecimal(o.get("Order").get("total_paid").asText());
                    paid = paid.add(total);
                    orderTotals.put(o.get("Order").get("id").asText(), total);
                    BigDecimal sum = BigDecimal.ZERO;
                    Map<String, BigDecimal> orderFees = new TreeMap<>();
                    for (JsonNode t : o.get("Ticket")) {
                        tickets++;
                        BigDecimal price = new BigDecimal(t.get("price").asText());
                        face = face.add(price);
                        sum = sum.add(price);
                        if (price.signum() == 0) {
                            comps++;
                            assertThat(t.get("LineItemFees").isArray()).isTrue();
                            assertThat(t.get("LineItemFees").size()).isZero();
                        }
                        if (t.get("redeemed").asBoolean()) {
                            redeemed.add(t.get("id").asText());
                        }
                        JsonNode lf = t.get("LineItemFees");
                        lf.fields().forEachRemaining(f -> {
                            BigDecimal v = new BigDecimal(f.getValue().asText());
                            fees.merge(Names.snake(f.getKey()), v, BigDecimal::add);
                            orderFees.merge(f.getKey(), v, BigDecimal::add);
                        });
                    }
                    BigDecimal feeSum = orderFees.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    feeTotal = feeTotal.add(feeSum);
                    assertThat(total).isEqualTo(sum.add(feeSum));
                    Map<String, BigDecimal> listed = new TreeMap<>();
                    o.get("LineItemFees").fields().forEachRemaining(
                            f -> listed.put(f.getKey(), new BigDecimal(f.getValue().asText())));
                    assertThat(listed).isEqualTo(orderFees);
                }
                Set<String> ids = new HashSet<>();
                Http.allPages(ts + "/tickets/checkin_ids/" + id, auth, 5000).forEach(x -> ids.add(x.asText()));
                assertThat(ids).isEqualTo(redeemed);
                checkins += ids.size();
            }
            assertThat((long) events.size()).isEqualTo(gt.events());
            assertThat(orders).isEqualTo(gt.orders());
            assertThat(tickets).isEqualTo(gt.tickets());
            assertThat(comps).isEqualTo(gt.compTickets()).isPositive();
            assertThat(checkins).isEqualTo(gt.checkins()).isPositive();
            assertThat(missing).isEqualTo(gt.ordersWithoutTickets());
            assertThat(face).isEqualTo(gt.faceValue());
            assertThat(paid).isEqualTo(gt.totalPaid());
            assertThat(feeTotal).isEqualTo(gt.totalFees());
            Map<String, BigDecimal> gtFees = new TreeMap<>(gt.feesByKey());
            gtFees.values().removeIf(v -> v.signum() == 0);
            assertThat(fees).isEqualTo(gtFees);

            // ---- Stripe
            Map<String, List<JsonNode>> lists = new HashMap<>();
            for (String r : List.of("charges", "refunds", "balance_transactions", "payouts", "disputes")) {
                lists.put(r, all(s, r));
            }
            List<JsonNode> charges = lists.get("charges");
            long failed = 0;
            long other = 0;
            long ticketCharges = 0;
            BigDecimal charged = BigDecimal.ZERO;
            Map<String, Long> rec = new TreeMap<>();
            Set<String> chargedOrders = new HashSet<>();
            for (JsonNode c : charges) {
                if (c.get("status").asText().equals("failed")) {
                    failed++;
                    assertThat(c.get("balance_transaction").isNull()).isTrue();
                    assertThat(c.get("failure_code").asText()).isEqualTo("card_declined");
                    continue;
                }
                charged = charged.add(cents(c.get("amount").asLong()));
                if (!c.get("metadata").has("order_id")) {
                    other++;
                    assertThat(c.get("statement_descriptor").asText()).isEqualTo("BAR TAB");
                    continue;
                }
                ticketCharges++;
                String orderId = c.get("metadata").get("order_id").asText();
                BigDecimal total = orderTotals.get(orderId);
                String status;
                if (total == null) {
                    status = "charge_without_order";
                } else if (c.get("disputed").asBoolean()) {
                    status = "disputed";
                } else if (c.get("amount_refunded").asLong() > 0) {
                    status = "refunded";
                } else if (cents(c.get("amount").asLong()).compareTo(total) != 0) {
                    status = "amount_mismatch";
                } else {
                    status = "matched";
                }
                if (total != null) {
                    assertThat(chargedOrders.add(orderId)).isTrue();
                }
                rec.merge(status, 1L, Long::sum);
            }
            for (Map.Entry<String, BigDecimal> o : orderTotals.entrySet()) {
                if (!chargedOrders.contains(o.getKey())) {
                    rec.merge(o.getValue().signum() == 0 ? "comp" : "order_without_charge", 1L, Long::sum);
                }
            }
            assertThat((long) charges.size()).isEqualTo(gt.charges());
            assertThat(failed).isEqualTo(gt.failedCharges()).isPositive();
            assertThat(other).isEqualTo(gt.otherChannelCharges()).isPositive();
            assertThat(ticketCharges).isEqualTo(gt.succeededTicketCharges());
            assertThat(charged).isEqualTo(gt.chargedAmount());
            Map<String, Long> gtRec = new TreeMap<>(gt.reconciliation());
            assertThat(rec).isEqualTo(gtRec);
            for (String k : GroundTruth.RECONCILIATION_STATUSES) {
                assertThat(gtRec.get(k)).as(k).isPositive();
            }

            List<JsonNode> refunds = lists.get("refunds");
            assertThat((long) refunds.size()).isEqualTo(gt.refunds());
            assertThat(sum(refunds, "amount")).isEqualTo(gt.refundedAmount());
            boolean full = false;
            boolean partial = false;
            Map<String, JsonNode> chargeById = new HashMap<>();
            charges.forEach(c -> chargeById.put(c.get("id").asText(), c));
            for (JsonNode r : refunds) {
                JsonNode c = chargeById.get(r.get("charge").asText());
                assertThat(c.get("amount_refunded").asLong()).isEqualTo(r.get("amount").asLong());
                boolean isFull = r.get("amount").asLong() == c.get("amount").asLong();
                assertThat(c.get("refunded").asBoolean()).isEqualTo(isFull);
                full |= isFull;
                partial |= !isFull;
            }
            assertThat(full && partial).isTrue();

            List<JsonNode> disputes = lists.get("disputes");
            assertThat((long) disputes.size()).isEqualTo(gt.disputes());
            assertThat(sum(disputes, "amount")).isEqualTo(gt.disputedAmount());
            List<JsonNode> txns = lists.get("balance_transactions");
            assertThat((long) txns.size()).isEqualTo(gt.balanceTransactions());
            assertThat(sum(txns, "fee")).isEqualTo(gt.stripeFees());
            Set<String> types = new HashSet<>();
            txns.forEach(t -> types.add(t.get("type").asText()));
            assertThat(types).contains("charge", "refund");
            List<JsonNode> payouts = lists.get("payouts");
            assertThat((long) payouts.size()).isEqualTo(gt.payouts());
            assertThat(sum(payouts, "amount")).isEqualTo(gt.payoutAmount());
            assertThat(sum(txns, "net")).isGreaterThanOrEqualTo(gt.payoutAmount());

            // ---- this client fetched everything with the fewest requests possible
            long used = s.ticketsauce().requestCount() + s.stripe().requestCount();
            assertThat(used).isEqualTo(s.minimumRequests());
            assertThat(gt.toJson()).contains("\"reconciliation\"", "\"let_tax\"");
        }
    }

    private static BigDecimal cents(long c) {
        return BigDecimal.valueOf(c, 2);
    }

    private static BigDecimal sum(List<JsonNode> objects, String field) {
        BigDecimal s = BigDecimal.ZERO;
        for (JsonNode o : objects) {
            s = s.add(cents(o.get(field).asLong()));
        }
        return s;
    }

    private static List<JsonNode> all(Simulators s, String resource) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        while (true) {
            JsonNode page = Http.get(s.stripe().baseUrl() + "/v1/" + resource + "?limit=100"
                    + (after == null ? "" : "&starting_after=" + after), STRIPE).json();
            page.get("data").forEach(out::add);
            if (!page.get("has_more").asBoolean()) {
                return out;
            }
            after = page.get("data").get(page.get("data").size() - 1).get("id").asText();
        }
    }
}
