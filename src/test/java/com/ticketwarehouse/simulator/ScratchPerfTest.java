package com.ticketwarehouse.simulator;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScratchPerfTest {
    @Test
    void perf() throws Exception {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");
        long t0 = System.nanoTime();
        SimulatedAccount a = new SimulatedAccount(42, Scale.BENCHMARK, now);
        long t1 = System.nanoTime();
        System.out.println("startup ms " + (t1 - t0) / 1_000_000 + " orders " + a.orderCount());
        System.out.println(a.groundTruth().toJson());
        System.out.println("min requests " + a.minimumRequests());
        try (Simulators s = Simulators.start(42, Scale.BENCHMARK, FaultPlan.none(), now, 0, 0)) {
            String tok = Http.token(s.ticketsauce());
            var ev = Http.get(s.ticketsauce().baseUrl() + "/events", Http.bearer(tok)).json();
            long t2 = System.nanoTime();
            int orders = 0;
            long bytes = 0;
            for (int i = 0; i < 200; i++) {
                String id = ev.get(i).get("Event").get("id").asText();
                for (int p = 1; ; p++) {
                    var ans = Http.get(s.ticketsauce().baseUrl() + "/orders/" + id + "?per_page=100&page=" + p
                            + "&return_tickets=true&return_line_item_fees=true", Http.bearer(tok));
                    bytes += ans.bytes().length;
                    var j = ans.json();
                    if (!j.isArray()) break;
                    orders += j.size();
                    if (j.size() < 100) break;
                }
            }
            long t3 = System.nanoTime();
            System.out.println("orders " + orders + " in ms " + (t3 - t2) / 1_000_000 + " bytes " + bytes);
            String url = s.stripe().baseUrl() + "/v1/charges?limit=100";
            int n = 0;
            String last = null;
            long t4 = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                var j = Http.get(url + (last == null ? "" : "&starting_after=" + last), "Bearer " + Simulators.STRIPE_KEY).json();
                n += j.get("data").size();
                last = j.get("data").get(j.get("data").size() - 1).get("id").asText();
            }
            long t5 = System.nanoTime();
            System.out.println("charges " + n + " in ms " + (t5 - t4) / 1_000_000);
            System.out.println(Http.get(url.replace("100", "1"), "Bearer " + Simulators.STRIPE_KEY).text());
        }
    }
}
