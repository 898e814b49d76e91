package com.ticketwarehouse.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.ticketwarehouse.EndToEndTest;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.runtime.Pipeline;
import com.ticketwarehouse.simulator.FaultPlan;
import com.ticketwarehouse.simulator.Scale;
import com.ticketwarehouse.simulator.Simulators;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports' mail through Amazon SES (v2) as moto serves it: sent as the verified sender, once
 * per recipient however often the run repeats, the statement's PDF and CSV attached; the sent
 * messages read back from moto.
 */
@Tag("emulators")
class ReportSesTest {
    @Test
    void reports_go_out_through_ses_once_per_recipient(@TempDir Path tmp) {
        try (MotoServer moto = MotoServer.start();
             Simulators simulators = Simulators.start(42, Scale.named("small"), FaultPlan.none())) {
            try (SesV2Client ses = SesV2Client.create()) {
                ses.createEmailIdentity(r -> r.emailIdentity("reports@venues.test"));
            }
            Map<String, String> settings = new LinkedHashMap<>(EndToEndTest.settings(simulators, tmp.resolve("lake")));
            settings.put("tw.report.mail", "ses");
            settings.put("tw.report.from", "reports@venues.test");
            settings.put("tw.report.settlement.recipients", "accounts@venues.test, owner@venues.test");
            try (Pipeline pipeline = Pipeline.start(settings)) {
                pipeline.call("refresh", null, Map.of(Loads.SOURCE, "all", Loads.TIME_RANGE, "all"), String.class);
                String event = pipeline.context().getRegistry().lookupByNameAndType("lake", com.ticketwarehouse.lake.Lake.class)
                        .rows("SELECT event_id FROM events WHERE tickets_sold > 0 ORDER BY event_start LIMIT 1").get(0).get("event_id");
                Map<String, Object> headers = new HashMap<>(Map.of("report", "settlement", "event", event, "send", true));
                assertThat(pipeline.call("report", null, headers, String.class)).contains("accounts@venues.test sent").contains("owner@venues.test sent");
                assertThat(pipeline.call("report", null, headers, String.class)).contains("accounts@venues.test already sent");

                List<JsonNode> sent = new ArrayList<>();
                moto.data().path("ses").findValues("RawMessage").forEach(byAccount -> byAccount.forEach(sent::add));
                if (sent.isEmpty()) {
                    moto.data().findParents("raw_data").forEach(sent::add);
                }
                assertThat(sent).as(moto.data().path("ses").toString()).hasSize(2);
                assertThat(sent).extracting(m -> m.path("destinations").toString())
                        .anyMatch(d -> d.contains("accounts@venues.test")).anyMatch(d -> d.contains("owner@venues.test"));
                assertThat(sent).allSatisfy(m -> assertThat(m.path("raw_data").asText()).contains("settlement-" + event + ".pdf")
                        .contains("Message-ID: <").contains("From: reports@venues.test"));
            }
        }
    }
}
