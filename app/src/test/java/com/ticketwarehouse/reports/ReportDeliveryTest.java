package com.ticketwarehouse.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.ticketwarehouse.TwJvm;
import com.ticketwarehouse.emulators.ExternalServer;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.JobState;
import com.ticketwarehouse.simulator.DataShape;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports delivered to a real SMTP server (GreenMail): each recipient gets each report once,
 * however often the job runs, across a kill -9 between render and send and a rerun in another
 * JVM; and a refund that arrives after a statement went out makes a revised statement, marked so.
 */
class ReportDeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    GreenMail smtp;
    int port;

    @BeforeEach
    void startSmtp() {
        port = ExternalServer.freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    Map<String, String> mail() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("tw.report.smtp.host", "127.0.0.1");
        settings.put("tw.report.smtp.port", Integer.toString(port));
        settings.put("tw.report.from", "reports@venues.test");
        settings.put("tw.report.settlement.recipients", "accounts@venues.test, owner@venues.test");
        settings.put("tw.report.daily-sales.recipients", "office@venues.test");
        return settings;
    }

    @Test
    void each_recipient_receives_each_report_once_however_often_it_runs(@TempDir Path tmp) throws Exception {
        Map<String, String> settings = mail();
        try (ReportLake lake = ReportLake.of(DataShape.reference(), tmp.resolve("lake"), settings)) {
            lake.refresh();
            String venue = lake.rows("SELECT min(venue_title) AS venue FROM events").get(0).get("venue");
            lake.pipeline.context().getPropertiesComponent().addOverrideProperty(
                    "tw.report.venue." + ReportSettings.venueKey(venue) + ".daily-sales.recipients", "manager@venues.test");
            String event = lake.rows("SELECT event_id FROM events WHERE tickets_sold > 0 ORDER BY event_start LIMIT 1").get(0).get("event_id");
            String day = lake.rows("SELECT CAST(CAST(paid_at_utc AS DATE) AS VARCHAR) AS day FROM ticket_sales WHERE venue_title = '"
                    + venue.replace("'", "''") + "' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").get(0).get("day");

            String first = lake.report("settlement", Map.of("event", event, "send", true));
            assertThat(first).contains("accounts@venues.test sent").contains("owner@venues.test sent");
            String again = lake.report("settlement", Map.of("event", event, "send", true));
            assertThat(again).contains("accounts@venues.test already sent").contains("owner@venues.test already sent");
            assertThat(lake.report("daily-sales", Map.of("date", day, "send", true))).contains("office@venues.test sent").contains("manager@venues.test sent");
            // a run that only sends builds nothing its recipients all have
            assertThat(lake.report("daily-sales", Map.of("date", day, "send", true))).isEqualTo("daily-sales: nothing due\n");

            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(Arrays.stream(received).map(ReportDeliveryTest::to)).containsExactlyInAnyOrder(
                    "accounts@venues.test", "owner@venues.test", "office@venues.test", "manager@venues.test");
            MimeMessage statement = Arrays.stream(received).filter(m -> to(m).equals("owner@venues.test")).findFirst().orElseThrow();
            assertThat(statement.getSubject()).startsWith("Settlement statement: ");
            assertThat(attachments(statement)).containsExactly("settlement-" + event + ".pdf", "settlement-" + event + ".csv");
            assertThat(GreenMailUtil.getBody(statement)).contains("Gross collected");
            MimeMessage venueDaily = Arrays.stream(received).filter(m -> to(m).equals("manager@venues.test")).findFirst().orElseThrow();
            assertThat(attachments(venueDaily)).contains("exceptions-" + day + "-" + ReportSettings.venueKey(venue) + ".csv");
            assertThat(GreenMailUtil.getBody(venueDaily)).contains(venue.replace("&", "&amp;")).contains("Pace of upcoming events");

            // the job, as the runner and the Lambda function run it: yesterday's daily sales, once however often it runs
            JobRuns jobs = lake.pipeline.context().getRegistry().lookupByNameAndType("jobRuns", JobRuns.class);
            for (int run = 0; run < 3; run++) {
                assertThat(jobs.run("report-daily-sales")).hasValueSatisfying(state -> assertThat(state.status()).isEqualTo(JobState.COMPLETE));
            }
            assertThat(jobs.run("report-settlement")).hasValueSatisfying(state -> assertThat(state.status()).isEqualTo(JobState.COMPLETE));
            String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
            List<MimeMessage> daily = Arrays.stream(smtp.getReceivedMessages()).filter(m -> subject(m).startsWith("Daily sales: " + yesterday)).toList();
            assertThat(daily).extracting(ReportDeliveryTest::to).containsExactlyInAnyOrder("office@venues.test", "manager@venues.test");
        }
    }

    @Test
    void a_refund_after_the_statement_went_out_makes_a_revised_statement_marked_as_such(@TempDir Path tmp) throws Exception {
        try (ReportLake lake = ReportLake.of(DataShape.reference(), tmp.resolve("lake"), mail())) {
            lake.refresh();
            // the account's last refund of a ticket sale: its event's statement goes out just before it
            Map<String, String> late = lake.rows("SELECT event_id, CAST(created_at AS VARCHAR) AS created_at, amount FROM refunds_and_disputes "
                    + "WHERE kind = 'refund' AND event_id IS NOT NULL ORDER BY created_at DESC LIMIT 1").get(0);
            String event = late.get("event_id");
            Instant refundedAt = LocalDateTime.parse(late.get("created_at").replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            Instant accountNow = lake.simulators.stripe().clock();

            // the lake as it was just before the refund: the statement goes out without it
            lake.pipeline.call("purge", null, Map.of(), String.class);
            lake.simulators.stripe().clock(refundedAt.minusSeconds(1));
            lake.refresh();
            BigDecimal refundedBefore = new BigDecimal(lake.rows(
                    "SELECT COALESCE(sum(amount), 0) AS a FROM refunds_and_disputes WHERE kind = 'refund' AND event_id = '" + event + "'").get(0).get("a"));
            assertThat(lake.report("settlement", Map.of("event", event, "send", true))).contains("accounts@venues.test sent");

            // the refund arrives with the next load: the next run sends a revised statement, once
            lake.simulators.stripe().clock(accountNow);
            lake.refresh();
            Path out = tmp.resolve("out");
            String revised = lake.report("settlement", Map.of("event", event, "send", true, "out", out.toString()));
            assertThat(revised).contains("settlement-" + event + "-r2").contains("accounts@venues.test sent").contains("owner@venues.test sent");
            assertThat(lake.report("settlement", Map.of("event", event, "send", true))).contains("accounts@venues.test already sent");

            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(4);
            List<MimeMessage> revisions = Arrays.stream(received).filter(m -> subject(m).startsWith("Revised settlement statement: ")).toList();
            assertThat(revisions).extracting(ReportDeliveryTest::to).containsExactlyInAnyOrder("accounts@venues.test", "owner@venues.test");
            assertThat(GreenMailUtil.getBody(revisions.get(0))).contains("REVISED STATEMENT (revision 2)")
                    .contains("refunds " + ReportTotalsTest.money(refundedBefore.toPlainString()));
            Map<String, String> total = ReportLake.settlementTotal(out.resolve("settlement-" + event + "-r2.csv"));
            assertThat(total.get("revision")).isEqualTo("2");
            assertThat(new BigDecimal(total.get("refunded"))).isEqualByComparingTo(refundedBefore.add(new BigDecimal(late.get("amount"))));
            assertThat(ReportTotalsTest.text(out.resolve("settlement-" + event + "-r2.pdf"))).contains("REVISED STATEMENT (revision 2)")
                    .contains("Less refunds " + ReportTotalsTest.money(total.get("refunded")));
        }
    }

    @Test
    void a_run_killed_between_render_and_send_is_sent_once_by_the_next_run_in_another_jvm(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("lake");
        String day;
        try (ReportLake lake = ReportLake.of(DataShape.reference(), dir, Map.of())) {
            lake.refresh();
            day = lake.rows("SELECT CAST(CAST(paid_at_utc AS DATE) AS VARCHAR) AS day FROM ticket_sales GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
                    .get(0).get("day");
        }
        Map<String, String> environment = new LinkedHashMap<>(Map.of("TW_SMTP_HOST", "127.0.0.1", "TW_REPORT_FROM", "reports@venues.test",
                "TW_DAILY_SALES_RECIPIENTS", "office@venues.test,owner@venues.test"));
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            // an SMTP server that takes the connection and never answers: the run has rendered and claimed, and hangs sending
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is done with it
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            environment.put("TW_SMTP_PORT", Integer.toString(silent.getLocalPort()));
            Process killed = start(environment, "report", "daily-sales", "--date", day, "--send", "--lake", dir.toString());
            Path claims = dir.resolve("state/reports/daily-sales/" + day + "/all");
            long deadline = System.currentTimeMillis() + 60_000;
            while (accepted.isEmpty() && System.currentTimeMillis() < deadline && killed.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(accepted).as("the run reached the SMTP server").isNotEmpty();
            killed.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            assertThat(claims(claims)).extracting(c -> c.path("status").asText()).containsExactly("sending");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        String claimedId = claims(dir.resolve("state/reports/daily-sales/" + day + "/all")).get(0).path("message_id").asText();

        environment.put("TW_SMTP_PORT", Integer.toString(port));
        Process rerun = start(environment, "report", "daily-sales", "--date", day, "--send", "--lake", dir.toString());
        assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(rerun.getInputStream().readAllBytes());
        assertThat(rerun.exitValue()).as(out + new String(rerun.getErrorStream().readAllBytes())).isZero();
        assertThat(out).contains("office@venues.test sent").contains("owner@venues.test sent");
        Process third = start(environment, "report", "daily-sales", "--date", day, "--send", "--lake", dir.toString());
        assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(third.getInputStream().readAllBytes())).contains("daily-sales: nothing due");

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(Arrays.stream(received).map(ReportDeliveryTest::to)).containsExactlyInAnyOrder("office@venues.test", "owner@venues.test");
        assertThat(Arrays.stream(received).map(ReportDeliveryTest::messageId)).contains(claimedId);
        assertThat(claims(dir.resolve("state/reports/daily-sales/" + day + "/all"))).extracting(c -> c.path("status").asText())
                .containsExactly("sent", "sent");
    }

    static Process start(Map<String, String> environment, String... args) throws IOException {
        return TwJvm.start(List.of("-Xmx512m"), List.of(args), builder -> builder.environment().putAll(environment));
    }

    static List<JsonNode> claims(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return JSON.readTree(f.toFile());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }

    static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> attachments(MimeMessage message) throws Exception {
        List<String> names = new ArrayList<>();
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null) {
                names.add(part.getFileName());
            }
        }
        return names;
    }
}
