package com.ticketwarehouse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class StripeSimulatorTest {

    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String AUTH = "Bearer " + Simulators.STRIPE_KEY;
    @AutoClose
    static final Simulators sims = Simulators.start(11, Scale.named("60x40"), FaultPlan.none(), NOW, 0, 0);
    static final String base = sims.stripe().baseUrl();

    /** Every object of a list, following starting_after. */
    static List<JsonNode> all(String resource, String query) {
        return all(base, resource, query);
    }

    static List<JsonNode> all(String base, String resource, String query) {
        List<JsonNode> out = new ArrayList<>();
        String after = null;
        while (true) {
            String url = base + "/v1/" + resource + "?limit=100" + (query.isEmpty() ? "" : "&" + query)
                    + (after == null ? "" : "&starting_after=" + after);
            JsonNode page = Http.get(url, AUTH).json();
            assertThat(page.get("object").asText()).isEqualTo("list");
            assertThat(page.get("url").asText()).isEqualTo("/v1/" + resource);
            page.get("data").forEach(out::add);
            if (!page.get("has_more").asBoolean()) {
                return out;
            }
            after = page.get("data").get(page.get("data").size() - 1).get("id").asText();
        }
    }

    static void assertNewestFirst(List<JsonNode> objects) {
        for (int i = 1; i < objects.size(); i++) {
            long a = objects.get(i - 1).get("created").asLong();
            long b = objects.get(i).get("created").asLong();
            assertThat(a).isGreaterThanOrEqualTo(b);
            if (a == b) {
                assertThat(objects.get(i - 1).get("id").asText()).isGreaterThan(objects.get(i).get("id").asText());
            }
        }
    }

    @Test
    void baseUrl() {
        assertThat(base).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void authenticationBearerBasicAndMaskedErrors() {
        Http.Answer none = Http.get(base + "/v1/charges", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().get("error").get("type").asText()).isEqualTo("invalid_request_error");
        String wrongKey = "sk_test_thisIsTheWrongKey1234";
        Http.Answer wrong = Http.get(base + "/v1/charges", "Bearer " + wrongKey);
        assertThat(wrong.status()).isEqualTo(401);
        String msg = wrong.json().get("error").get("message").asText();
        assertThat(msg).startsWith("Invalid API Key provided: sk_test_").endsWith("1234").doesNotContain(wrongKey);
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((Simulators.STRIPE_KEY + ":").getBytes(StandardCharsets.UTF_8));
        assertThat(Http.get(base + "/v1/charges", basic).status()).isEqualTo(200);
    }

    @Test
    void everyResourcePagesEachObjectOnceNewestFirst() {
        GroundTruth gt = sims.groundTruth();
        for (String r : List.of("charges", "refunds", "balance_transactions", "payouts", "disputes")) {
            List<JsonNode> objs = all(r, "");
            Set<String> ids = new HashSet<>();
            objs.forEach(o -> assertThat(ids.add(o.get("id").asText())).isTrue());
            assertNewestFirst(objs);
            long expected = switch (r) {
                case "charges" -> gt.charges();
                case "refunds" -> gt.refunds();
                case "balance_transactions" -> gt.balanceTransactions();
                case "payouts" -> gt.payouts();
                default -> gt.disputes();
            };
            assertThat((long) objs.size()).as(r).isEqualTo(expected).isPositive();
            for (JsonNode o : objs) {
                assertThat(o.get("created").asLong()).isLessThanOrEqualTo(NOW.getEpochSecond());
                assertThat(o.get("currency").asText()).isEqualTo("usd");
                // single-object endpoint answers the same object
            }
            JsonNode first = objs.get(0);
            assertThat(Http.get(base + "/v1/" + r + "/" + first.get("id").asText(), AUTH).json()).isEqualTo(first);
        }
        assertThat(Http.get(base + "/v1/charges?limit=3", AUTH).json().get("data").size()).isEqualTo(3);
        assertThat(Http.get(base + "/v1/charges", AUTH).json().get("data").size()).isEqualTo(10);
    }

    @Test
    void createdFiltersReturnExactlyTheObjectsInRange() {
        List<JsonNode> charges = all("charges", "");
        long hi = charges.get(charges.size() / 4).get("created").asLong();
        long lo = charges.get(charges.size() / 2).get("created").asLong();
        for (String[] f : new String[][] {{"gte", "lt"}, {"gt", "lte"}, {"gte", "lte"}}) {
            List<JsonNode> got = all("charges", "created[" + f[0] + "]=" + lo + "&created%5B" + f[1] + "%5D=" + hi);
            List<String> expected = new ArrayList<>();
            for (JsonNode c : charges) {
                long t = c.get("created").asLong();
                boolean inLo = f[0].equals("gte") ? t >= lo : t > lo;
                boolean inHi = f[1].equals("lt") ? t < hi : t <= hi;
                if (inLo && inHi) {
                    expected.add(c.get("id").asText());
                }
            }
            assertThat(got.stream().map(c -> c.get("id").asText()).toList()).isEqualTo(expected).isNotEmpty();
        }
        // ending_before pages back toward newer objects
        JsonNode page = Http.get(base + "/v1/charges?limit=5&ending_before=" + charges.get(20).get("id").asText(),
                AUTH).json();
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).containsExactly(charges.subList(15, 20).stream().map(c -> c.get("id").asText())
                .toArray(String[]::new));
        assertThat(page.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void badParametersAre400() {
        Http.Answer unknown = Http.get(base + "/v1/charges?limit=10&colour=blue", AUTH);
        assertThat(unknown.status()).isEqualTo(400);
        JsonNode e = unknown.json().get("error");
        assertThat(e.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(e.get("code").asText()).isEqualTo("parameter_unknown");
        assertThat(e.get("param").asText()).isEqualTo("colour");
        assertThat(e.get("message").asText()).isEqualTo("Received unknown parameter: colour");
        for (String limit : List.of("0", "101", "ten")) {
            assertThat(Http.get(base + "/v1/refunds?limit=" + limit, AUTH).status()).isEqualTo(400);
        }
        Http.Answer missing = Http.get(base + "/v1/charges?starting_after=ch_doesnotexist", AUTH);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").get("code").asText()).isEqualTo("resource_missing");
        Http.Answer one = Http.get(base + "/v1/charges/ch_1PgafuB7WZ01zgkWXYmPNZs8", AUTH);
        assertThat(one.status()).isEqualTo(404);
        assertThat(one.json().get("error").get("code").asText()).isEqualTo("resource_missing");
        assertThat(Http.get(base + "/v1/customers", AUTH).status()).isEqualTo(404);
    }

    @Test
    void expandInlinesBalanceTransactions() {
        JsonNode page = Http.get(base + "/v1/charges?limit=5&expand[]=data.balance_transaction", AUTH).json();
        for (JsonNode c : page.get("data")) {
            if (c.get("status").asText().equals("succeeded")) {
                JsonNode t = c.get("balance_transaction");
                assertThat(t.get("object").asText()).isEqualTo("balance_transaction");
                assertThat(t.get("source").asText()).isEqualTo(c.get("id").asText());
            }
        }
        assertThat(Http.get(base + "/v1/charges?expand[]=data.customer", AUTH).status()).isEqualTo(400);
    }

    @Test
    void objectsStartFromTheFixturesAndCarryTheOverrides() {
        JsonNode fixture = Http.JSON.valueToTree(StripeFixtures.of("charge").names());
        JsonNode c = all("charges", "").stream()
                .filter(x -> x.get("metadata").has("order_id") && x.get("status").asText().equals("succeeded"))
                .findFirst().orElseThrow();
        List<String> names = new ArrayList<>();
        c.fieldNames().forEachRemaining(names::add);
        List<String> expected = new ArrayList<>();
        fixture.forEach(n -> expected.add(n.asText()));
        assertThat(names).isEqualTo(expected);
        assertThat(c.get("id").asText()).startsWith("ch_").hasSize(27);
        assertThat(c.get("payment_intent").asText()).startsWith("pi_");
        assertThat(c.get("balance_transaction").asText()).startsWith("txn_");
        assertThat(c.get("statement_descriptor").asText()).isEqualTo("TICKETSAUCE");
        assertThat(c.get("metadata").get("event_start").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        JsonNode t = Http.get(base + "/v1/balance_transactions/" + c.get("balance_transaction").asText(), AUTH).json();
        long amount = c.get("amount").asLong();
        long fee = (amount * 290 + 5000) / 10000 + 30;
        assertThat(t.get("fee").asLong()).isEqualTo(fee);
        assertThat(t.get("net").asLong()).isEqualTo(amount - fee);
        assertThat(t.get("fee_details").get(0).get("type").asText()).isEqualTo("stripe_fee");
    }
}
