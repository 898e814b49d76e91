package com.ticketwarehouse.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.TwJvm;
import com.ticketwarehouse.emulators.ExternalServer;
import com.ticketwarehouse.runtime.Pipeline;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard server on a demo lake, over HTTP: the numbers of every dashboard against the
 * simulators' ground truth and against SQL of the test's own, the filters, CSV, that nothing but
 * the dashboards is served, that bad input is a 4xx with a reason, and that a transform in
 * another process can write the lake while the server runs.
 */
class DashboardServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final DemoServer SERVED = new DemoServer();

    static Pipeline start(Path lake, int port) {
        Map<String, String> settings = new LinkedHashMap<>(DashboardServer.settings(port));
        settings.put("tw.lake.dir", lake.toString());
        settings.put("tw.progress", "false");
        return Pipeline.start(settings);
    }

    @Test
    void every_kpi_equals_the_simulators_ground_truth_to_the_cent() {
        var truth = SERVED.demo.truth;
        BigDecimal gross = truth.faceValue().add(truth.totalFees());
        BigDecimal taxes = truth.feesByKey().getOrDefault("let_tax", BigDecimal.ZERO).add(truth.feesByKey().getOrDefault("sales_tax", BigDecimal.ZERO));
        JsonNode sales = data("sales", "");
        assertThat(kpi(sales, "gross")).isEqualByComparingTo(gross);
        assertThat(kpi(sales, "face_value")).isEqualByComparingTo(truth.faceValue());
        assertThat(kpi(sales, "fees")).isEqualByComparingTo(truth.totalFees().subtract(taxes));
        assertThat(kpi(sales, "taxes")).isEqualByComparingTo(taxes);
        assertThat(totals(sales, "top_events")).containsExactly(Long.toString(truth.tickets()), truth.faceValue().toPlainString(),
                truth.totalFees().subtract(taxes).toPlainString(), taxes.toPlainString(), gross.toPlainString());

        JsonNode settlement = data("event_settlement", "");
        assertThat(kpi(settlement, "quantity")).isEqualByComparingTo(BigDecimal.valueOf(truth.tickets()));
        assertThat(kpi(settlement, "total")).isEqualByComparingTo(gross);
        assertThat(kpi(settlement, "let_tax")).isEqualByComparingTo(truth.feesByKey().get("let_tax"));
        assertThat(new BigDecimal(totals(settlement, "settlement").get(10))).isEqualByComparingTo(gross);
        assertThat(new BigDecimal(settlement.at("/visuals/by_venue_and_type/totals/0").asText())).isEqualByComparingTo(gross);

        JsonNode payments = data("payments", "");
        Map<String, Long> reconciliation = truth.reconciliation();
        long all = reconciliation.values().stream().mapToLong(Long::longValue).sum();
        assertThat(kpi(payments, "reconciled").longValue()).isEqualTo(all);
        assertThat(kpi(payments, "mismatched").longValue()).isEqualTo(reconciliation.getOrDefault("amount_mismatch", 0L)
                + reconciliation.getOrDefault("order_without_charge", 0L) + reconciliation.getOrDefault("charge_without_order", 0L));
        assertThat(kpi(payments, "refunded")).isEqualByComparingTo(truth.refundedAmount());
        assertThat(kpi(payments, "disputed")).isEqualByComparingTo(truth.disputedAmount());
        assertThat(payments.at("/visuals/statuses_by_month/totals/0").asLong()).isEqualTo(all);
        assertThat(payments.at("/visuals/refunds/rows").size()).isEqualTo((int) truth.refunds());

        JsonNode attendance = data("attendance", "");
        assertThat(kpi(attendance, "events").longValue()).isEqualTo(truth.events());
        assertThat(kpi(attendance, "sold").longValue()).isEqualTo(truth.tickets());
        assertThat(kpi(attendance, "checked_in").longValue()).isEqualTo(truth.checkins());
        // upcoming events have no check-ins, and so no part in the rate
        BigDecimal soldForPastEvents = SERVED.demo.number("SELECT sum(tickets_sold) FROM events WHERE event_start < current_timestamp");
        assertThat(soldForPastEvents.longValue()).isLessThan(truth.tickets());
        assertThat(kpi(attendance, "checkin_rate").doubleValue())
                .isCloseTo((double) truth.checkins() / soldForPastEvents.longValue(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void filters_narrow_every_number_as_sql_of_their_own_would() {
        String venue = SERVED.demo.text("SELECT venue_title FROM events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        String venueQuery = "venue=" + URLEncoder.encode(venue, StandardCharsets.UTF_8);
        BigDecimal venueGross = SERVED.demo.number("SELECT sum(total) FROM ticket_sales WHERE venue_title = ?", venue);
        assertThat(venueGross).isLessThan(SERVED.demo.number("SELECT sum(total) FROM ticket_sales"));
        assertThat(kpi(data("sales", venueQuery), "gross")).isEqualByComparingTo(venueGross);

        // days are inclusive, in UTC, by payment time
        String range = "date_from=2026-01-01&date_to=2026-03-31";
        assertThat(kpi(data("sales", range + "&" + venueQuery), "gross")).isEqualByComparingTo(SERVED.demo.number(
                "SELECT COALESCE(sum(total), 0) FROM ticket_sales WHERE venue_title = ? AND CAST(paid_at_utc AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-03-31'",
                venue));

        String event = SERVED.demo.text("SELECT event_id FROM events WHERE tickets_sold > 0 ORDER BY event_start LIMIT 1");
        JsonNode settlement = data("event_settlement", "event=" + event);
        assertThat(kpi(settlement, "total")).isEqualByComparingTo(SERVED.demo.number("SELECT sum(total) FROM event_settlement WHERE event_id = ?", event));
        assertThat(kpi(settlement, "events").longValue()).isEqualTo(1);

        JsonNode attendance = data("attendance", venueQuery);
        assertThat(kpi(attendance, "checked_in")).isEqualByComparingTo(SERVED.demo.number("SELECT sum(tickets_checked_in) FROM events WHERE venue_title = ?", venue));

        // refunds have no venue: a venue filter leaves them whole, and the page says so
        JsonNode payments = data("payments", venueQuery);
        assertThat(kpi(payments, "refunded")).isEqualByComparingTo(SERVED.demo.truth.refundedAmount());
        assertThat(kpi(payments, "reconciled")).isEqualByComparingTo(SERVED.demo.number("SELECT count(*) FROM payment_reconciliation WHERE venue_title = ?", venue));
        JsonNode refunds = definitionOf("payments").path("visuals").findValues("id").stream().anyMatch(id -> id.asText().equals("refunds"))
                ? visualDefinition("payments", "refunds") : null;
        assertThat(refunds).isNotNull();
        assertThat(refunds.path("unfiltered").asText()).isEqualTo("Venue, Event");
    }

    @Test
    void a_table_downloads_as_csv_under_the_same_filters() {
        HttpResponse<String> csv = get("/api/dashboards/event_settlement/csv/settlement?venue=" + URLEncoder.encode(
                SERVED.demo.text("SELECT min(venue_title) FROM events"), StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"event_settlement-settlement.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("venue_title,event_name,event_start,ticket_type_name,tickets,face_value,");
        int total = List.of(lines.get(0).split(",")).indexOf("gross");
        BigDecimal sum = lines.stream().skip(1).map(l -> new BigDecimal(l.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")[total])).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(SERVED.demo.number("SELECT sum(total) FROM event_settlement WHERE venue_title = (SELECT min(venue_title) FROM events)"));
        assertThat(lines).hasSize(1 + SERVED.demo.number("SELECT count(*) FROM event_settlement WHERE venue_title = (SELECT min(venue_title) FROM events)").intValue());
    }

    @Test
    void nothing_but_the_dashboards_is_served() throws IOException {
        // the tests run in app/, which holds a pom.xml: a static handler that looks in the working directory would serve it
        assertThat(Path.of("pom.xml")).exists();
        Path lakeFile = SERVED.demo.dir.resolve(ReadOnlyMarts.DATABASE);
        String lakePath = Path.of("").toAbsolutePath().relativize(lakeFile).toString();
        for (String path : List.of("/pom.xml", "/application.properties", "/routes/serve/dashboards.yaml", "/dashboards/sales.yaml",
                "/" + lakePath, "/warehouse.duckdb", "/target/classes/application.properties",
                "/../pom.xml", "/%2e%2e/pom.xml", "/%2E%2E/%2E%2E/pom.xml", "/assets/../pom.xml", "/assets/%2e%2e/pom.xml",
                "/assets/..%2f..%2fpom.xml", "/assets/%2e%2e%2f%2e%2e%2fpom.xml", "/assets/dashboard.js/../../pom.xml",
                "/dashboards/..%2f..%2fpom.xml", "/api/dashboards/..%2fpom.xml", "/webjars/echarts/5.3.1/dist/echarts.min.js",
                "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js", "/serve/page.html", "/assets/page.html",
                "/application-aws.properties", "/q/dev", "/q/health", "/" + lakePath.replace("/", "%2f"))) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).as(path).doesNotContain("<project", "camel.main", "DUCK");
        }
        assertThat(get("/assets/echarts.min.js").body()).contains("echarts").hasSizeGreaterThan(500_000);
        assertThat(get("/").body()).contains("/dashboards/sales", "/dashboards/event_settlement", "/dashboards/payments", "/dashboards/attendance");
        assertThat(HTTP_send(HttpRequest.newBuilder(URI.create(SERVED.base + "/api/dashboards/sales")).POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(405);
    }

    @Test
    void bad_input_is_a_4xx_with_a_reason_and_never_reaches_sql() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("/api/dashboards/nope", "404 no dashboard 'nope': there are attendance, event_settlement, payments, sales");
        answers.put("/dashboards/nope", "404 no dashboard 'nope': there are attendance, event_settlement, payments, sales");
        answers.put("/api/dashboards/sales/csv/nope", "404 dashboard sales has no visual 'nope'");
        answers.put("/api/dashboards/sales/data?date_from=2026-02-30", "400 date_from '2026-02-30' is not a date: use YYYY-MM-DD");
        answers.put("/api/dashboards/sales/data?date_to=yesterday", "400 date_to 'yesterday' is not a date: use YYYY-MM-DD");
        answers.put("/api/dashboards/sales/data?date_from=2026-05-01&date_to=2026-04-01", "400 date_from 2026-05-01 is after date_to 2026-04-01");
        answers.put("/api/dashboards/sales/data?venue=Nowhere", "400 venue 'Nowhere' is not one of the venue values");
        answers.put("/api/dashboards/sales/data?venue=x%27%3B%20DROP%20TABLE%20events%3B%20--",
                "400 venue 'x'; DROP TABLE events; --' is not one of the venue values");
        answers.put("/api/dashboards/sales/data?venue=%27%20OR%20%271%27%3D%271", "400 venue '' OR '1'='1' is not one of the venue values");
        answers.put("/api/dashboards/sales/data?venue_title=Empire", "400 unknown parameter 'venue_title': the filters of sales are date_from, date_to, venue, event");
        answers.put("/api/dashboards/sales/data?total%3E0--=1", "400 unknown parameter 'total>0--': the filters of sales are date_from, date_to, venue, event");
        answers.put("/api/dashboards/sales/data?venue=a&venue=b", "400 parameter 'venue' is given twice");
        answers.put("/api/dashboards/sales/data?event=" + "x".repeat(400), "400 event is longer than 300 characters");
        answers.forEach((path, expected) -> {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode() + " " + answer.body()).as(path).isEqualTo(expected);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("text/plain; charset=utf-8");
        });
        assertThat(SERVED.demo.number("SELECT count(*) FROM events").longValue()).isEqualTo(SERVED.demo.truth.events());
    }

    @Test
    void it_shows_when_the_data_was_loaded() {
        JsonNode loaded = definitionOf("sales").path("loaded");
        assertThat(loaded.path("load").asText()).isEqualTo(SERVED.demo.text("SELECT max(finished_at) FROM load_runs WHERE status = 'complete'"));
        assertThat(loaded.path("transform").asText()).startsWith(SERVED.demo.text("SELECT CAST(max(finished_at) AS DATE) FROM tw_activity WHERE activity = 'transform'"));
    }

    @Test
    void a_transform_in_another_process_writes_the_lake_while_the_server_runs() throws Exception {
        // as the scheduled runner would: the server holds no connection between requests, so the writer gets the lock
        assertThat(get("/api/dashboards/sales/data").statusCode()).isEqualTo(200);
        Path log = Files.createTempFile("tw-transform-", ".log");
        Process transform = TwJvm.start(List.of("-Xmx256m"), List.of("transform", "--lake", SERVED.demo.dir.toString()),
                builder -> builder.redirectErrorStream(true).redirectOutput(log.toFile()));
        // pages keep being asked for while it runs
        while (!transform.waitFor(200, TimeUnit.MILLISECONDS)) {
            int status = get("/api/dashboards/attendance/data").statusCode();
            assertThat(status).as("answered, or told to wait while the lake is written").isIn(200, 503);
        }
        assertThat(transform.exitValue()).isZero();
        assertThat(kpi(data("attendance", ""), "sold").longValue()).isEqualTo(SERVED.demo.truth.tickets());
    }

    @Test
    void a_lake_without_tables_is_a_503_that_says_what_to_do(@org.junit.jupiter.api.io.TempDir Path empty) {
        int port = ExternalServer.freePort();
        try (Pipeline other = start(empty, port)) {
            HttpResponse<String> answer = HTTP_get("http://127.0.0.1:" + port + "/api/dashboards/sales");
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).startsWith("the lake has no tables yet at ").endsWith(": run './tw demo', or load, crawl and transform");
            assertThat(empty.toFile().list()).as("reading wrote nothing").isEmpty();
        }
    }

    static JsonNode data(String dashboard, String query) {
        HttpResponse<String> answer = get("/api/dashboards/" + dashboard + "/data" + (query.isEmpty() ? "" : "?" + query));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body());
    }

    static JsonNode definitionOf(String dashboard) {
        HttpResponse<String> answer = get("/api/dashboards/" + dashboard);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body());
    }

    static JsonNode visualDefinition(String dashboard, String id) {
        for (JsonNode visual : definitionOf(dashboard).path("visuals")) {
            if (visual.path("id").asText().equals(id)) {
                return visual;
            }
        }
        return null;
    }

    static BigDecimal kpi(JsonNode data, String id) {
        JsonNode value = data.at("/visuals/" + id + "/rows/0/0");
        assertThat(value.isMissingNode()).as(id).isFalse();
        return new BigDecimal(value.asText());
    }

    static List<String> totals(JsonNode data, String id) {
        List<String> values = new java.util.ArrayList<>();
        data.at("/visuals/" + id + "/totals").forEach(v -> values.add(v.asText()));
        return values;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    static HttpResponse<String> get(String path) {
        return HTTP_get(SERVED.base + path);
    }

    static HttpResponse<String> HTTP_get(String url) {
        return HTTP_send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    static HttpResponse<String> HTTP_send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
