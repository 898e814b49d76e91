package com.ticketwarehouse.serve;

import com.ticketwarehouse.emulators.ExternalServer;
import com.ticketwarehouse.runtime.Pipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard in a real browser (Debian's chromium, driven by chromedriver) on a demo lake:
 * the KPIs and table totals as shown on the page equal SQL of the test's own on the same marts,
 * to the cent; a filter changes them as that SQL says; each page is saved as a screenshot under
 * target/dashboards/ with how long its first load took.
 */
@Tag("emulators")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    static final String INSTALL = "the browser test needs Debian's chromium and chromedriver: apt-get install chromium chromium-driver";
    static final Path SHOTS = Path.of("target", "dashboards");
    static final String MISMATCH = "status IN ('amount_mismatch', 'order_without_charge', 'charge_without_order')";

    /** Per dashboard, each KPI's SQL, written here by hand: what ./tw query answers. */
    static final Map<String, Map<String, String>> KPIS = Map.of(
            "sales", Map.of(
                    "gross", "SELECT sum(total) FROM ticket_sales",
                    "face_value", "SELECT sum(face_value) FROM ticket_sales",
                    "fees", "SELECT sum(total_fees - let_tax - sales_tax) FROM ticket_sales",
                    "taxes", "SELECT sum(let_tax + sales_tax) FROM ticket_sales"),
            "event_settlement", Map.of(
                    "quantity", "SELECT sum(quantity) FROM event_settlement",
                    "face_value", "SELECT sum(face_value) FROM event_settlement",
                    "let_tax", "SELECT sum(let_tax) FROM event_settlement",
                    "let_rate", "SELECT 100 * sum(let_tax) / sum(face_value) FROM event_settlement",
                    "total", "SELECT sum(total) FROM event_settlement",
                    "events", "SELECT count(DISTINCT event_id) FROM event_settlement"),
            "payments", Map.of(
                    "reconciled", "SELECT count(*) FROM payment_reconciliation",
                    "mismatched", "SELECT count(*) FROM payment_reconciliation WHERE " + MISMATCH,
                    "difference", "SELECT sum(difference) FROM payment_reconciliation WHERE " + MISMATCH,
                    "refunded", "SELECT sum(amount) FROM stripe_refunds",
                    "disputed", "SELECT sum(amount) FROM stripe_disputes"),
            "attendance", Map.of(
                    "events", "SELECT count(*) FROM events",
                    "sold", "SELECT sum(tickets_sold) FROM events",
                    "checked_in", "SELECT sum(tickets_checked_in) FROM events",
                    "checkin_rate", "SELECT 100.0 * sum(tickets_checked_in) / sum(tickets_sold) FROM events WHERE event_start < current_timestamp"));

    /** Per dashboard, a table's totals row: column label to its SQL. */
    static final Map<String, Map<String, Map<String, String>>> TOTALS = Map.of(
            "sales", Map.of("top_events", Map.of(
                    "Tickets", "SELECT count(*) FROM ticket_sales",
                    "Face value", "SELECT sum(face_value) FROM ticket_sales",
                    "Gross", "SELECT sum(total) FROM ticket_sales")),
            "event_settlement", Map.of("settlement", Map.of(
                    "Quantity", "SELECT sum(quantity) FROM event_settlement",
                    "LET", "SELECT sum(let_tax) FROM event_settlement",
                    "Sales tax", "SELECT sum(sales_tax) FROM event_settlement",
                    "Total", "SELECT sum(total) FROM event_settlement")),
            "payments", Map.of(
                    "mismatches", Map.of("Difference", "SELECT sum(difference) FROM payment_reconciliation WHERE " + MISMATCH,
                            "Order total", "SELECT sum(order_total) FROM payment_reconciliation WHERE " + MISMATCH),
                    "refunds", Map.of("Amount", "SELECT sum(amount) FROM stripe_refunds")),
            "attendance", Map.of("by_event", Map.of(
                    "Tickets sold", "SELECT sum(tickets_sold) FROM events",
                    "Checked in", "SELECT sum(tickets_checked_in) FROM events")));

    /** Per dashboard, a KPI under the busiest venue, by SQL with the venue as its one parameter. */
    static final Map<String, String[]> BY_VENUE = Map.of(
            "sales", new String[] {"gross", "SELECT sum(total) FROM ticket_sales WHERE venue_title = ?"},
            "event_settlement", new String[] {"total", "SELECT sum(total) FROM event_settlement WHERE venue_title = ?"},
            "payments", new String[] {"reconciled", "SELECT count(*) FROM payment_reconciliation WHERE venue_title = ?"},
            "attendance", new String[] {"checked_in", "SELECT sum(tickets_checked_in) FROM events WHERE venue_title = ?"});

    static DemoLake demo;
    static Pipeline server;
    static String base;
    static ChromeDriver browser;
    static final Map<String, Long> firstLoadMs = new LinkedHashMap<>();

    @BeforeAll
    static void open() throws IOException {
        for (String program : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
            if (!Files.isExecutable(Path.of(program))) {
                throw new IllegalStateException(program + " is missing: " + INSTALL);
            }
        }
        demo = DemoLake.get();
        int port = ExternalServer.freePort();
        server = DashboardServerTest.start(demo.dir, port);
        base = "http://127.0.0.1:" + port;
        // as ./tw serve does before it says where to look
        assertThat(DashboardServer.firstRequests(base + "/", "sales")).isNull();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        StringBuilder times = new StringBuilder();
        firstLoadMs.forEach((name, ms) -> times.append(name).append(' ').append(ms).append(" ms\n"));
        Files.writeString(SHOTS.resolve("first-load-ms.txt"), times.toString());
    }

    @Test
    @Order(1)
    void every_dashboard_shows_the_marts_numbers_to_the_cent() throws IOException {
        // as a person would: the index first, then each dashboard, each the first time this browser loads it
        browser.get(base + "/");
        assertThat(browser.findElements(By.cssSelector("ul.index a"))).extracting(WebElement::getText)
                .containsExactly("Attendance", "Event settlement", "Payments", "Sales");
        for (String name : List.of("sales", "event_settlement", "payments", "attendance")) {
            browser.get(base + "/dashboards/" + name);
            waitForLoads(1);
            firstLoadMs.put(name, Long.parseLong(root().getDomAttribute("data-first-ready-ms")));
            KPIS.get(name).forEach((kpi, sql) -> assertThat(shown(kpi)).as(name + " " + kpi).isEqualByComparingTo(expected(sql, kpiText(kpi))));
            TOTALS.get(name).forEach((table, columns) -> columns.forEach((label, sql) ->
                    assertThat(number(total(table, label))).as(name + " " + table + " " + label).isEqualByComparingTo(demo.number(sql))));
            assertThat(browser.findElement(By.id("loaded")).getText()).startsWith("Data last loaded 20").contains("UTC");
            assertThat(browser.findElements(By.cssSelector(".chart svg")).size()).as(name + " draws its charts")
                    .isEqualTo(browser.findElements(By.cssSelector(".visual.bar, .visual.line")).size());
            screenshot(name);
        }
        // the pivot's grand total
        browser.get(base + "/dashboards/event_settlement");
        waitForLoads(1);
        List<WebElement> pivotTotals = browser.findElements(By.cssSelector("[data-visual='by_venue_and_type'] tfoot td"));
        assertThat(number(pivotTotals.get(pivotTotals.size() - 1).getText())).isEqualByComparingTo(demo.number("SELECT sum(total) FROM event_settlement"));
    }

    @Test
    @Order(2)
    void a_venue_filter_narrows_each_dashboard_as_sql_says() {
        String venue = demo.text("SELECT venue_title FROM events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
        for (Map.Entry<String, String[]> check : BY_VENUE.entrySet()) {
            String name = check.getKey(), kpi = check.getValue()[0];
            browser.get(base + "/dashboards/" + name);
            waitForLoads(1);
            BigDecimal all = shown(kpi);
            new Select(browser.findElement(By.id("filter-venue"))).selectByVisibleText(venue);
            waitForLoads(2);
            BigDecimal narrowed = shown(kpi);
            assertThat(narrowed).as(name + " " + kpi + " at " + venue).isEqualByComparingTo(demo.number(check.getValue()[1], venue))
                    .isLessThan(all);
            assertThat(browser.getCurrentUrl()).as("the filter is in the address").contains("venue=");
        }
    }

    @Test
    @Order(3)
    void a_date_range_and_an_event_narrow_the_sales() throws IOException {
        browser.get(base + "/dashboards/sales");
        waitForLoads(1);
        setDate("filter-date-from", "2026-01-01");
        waitForLoads(2);
        setDate("filter-date-to", "2026-03-31");
        waitForLoads(3);
        String inRange = "CAST(paid_at_utc AS DATE) BETWEEN DATE '2026-01-01' AND DATE '2026-03-31'";
        assertThat(shown("gross")).isEqualByComparingTo(demo.number("SELECT sum(total) FROM ticket_sales WHERE " + inRange));
        assertThat(number(total("top_events", "Tickets"))).isEqualByComparingTo(demo.number("SELECT count(*) FROM ticket_sales WHERE " + inRange));
        String event = demo.text("SELECT event_id FROM ticket_sales WHERE " + inRange + " GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        new Select(browser.findElement(By.id("filter-event"))).selectByValue(event);
        waitForLoads(4);
        assertThat(shown("taxes")).isEqualByComparingTo(
                demo.number("SELECT sum(let_tax + sales_tax) FROM ticket_sales WHERE event_id = ? AND " + inRange, event));
        assertThat(browser.findElements(By.cssSelector("[data-visual='top_events'] tbody tr"))).hasSize(1);
        screenshot("sales-filtered");
        browser.findElement(By.id("clear-filters")).click();
        waitForLoads(5);
        assertThat(shown("gross")).isEqualByComparingTo(demo.number("SELECT sum(total) FROM ticket_sales"));
    }

    @Test
    @Order(4)
    void bad_filters_in_the_address_show_the_servers_reason() {
        browser.get(base + "/dashboards/sales?venue=Nowhere");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> "error".equals(root().getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("error")).getText()).isEqualTo("venue 'Nowhere' is not one of the venue values");
    }

    private static WebElement root() {
        return browser.findElement(By.id("dashboard"));
    }

    private static void waitForLoads(int loads) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            WebElement root = root();
            if ("error".equals(root.getDomAttribute("data-state"))) {
                throw new AssertionError("the page shows an error: " + d.findElement(By.id("error")).getText());
            }
            return "ready".equals(root.getDomAttribute("data-state")) && String.valueOf(loads).equals(root.getDomAttribute("data-loads"));
        });
    }

    private static void setDate(String id, String isoDate) {
        ((JavascriptExecutor) browser).executeScript(
                "const input = document.getElementById(arguments[0]); input.value = arguments[1];"
                        + " input.dispatchEvent(new Event('change', { bubbles: true }));", id, isoDate);
    }

    private static String kpiText(String kpi) {
        return browser.findElement(By.cssSelector("[data-visual='" + kpi + "'] .value")).getText();
    }

    /** A KPI as shown: $1,234.56, 79.6% or 1,234, read back into a number. */
    private static BigDecimal shown(String kpi) {
        return number(kpiText(kpi));
    }

    private static BigDecimal number(String text) {
        String digits = text.replace("$", "").replace(",", "").replace("%", "").trim();
        assertThat(digits).as("'" + text + "' is a number").matches("-?[0-9]+(\\.[0-9]+)?");
        return new BigDecimal(digits);
    }

    /** What SQL says, rounded as the page rounds it: cents for money, one decimal for a percent. */
    private static BigDecimal expected(String sql, String shownText) {
        BigDecimal value = demo.number(sql);
        int scale = shownText.contains(".") ? shownText.length() - shownText.indexOf('.') - (shownText.endsWith("%") ? 2 : 1) : 0;
        if (shownText.contains("$")) {
            assertThat(scale).as("money is shown to the cent: " + shownText).isEqualTo(2);
            assertThat(value.setScale(2, RoundingMode.UNNECESSARY)).isNotNull();
        }
        return value.setScale(scale, RoundingMode.HALF_UP);
    }

    private static String total(String table, String label) {
        List<String> headers = browser.findElements(By.cssSelector("[data-visual='" + table + "'] thead th")).stream().map(WebElement::getText).toList();
        int column = headers.indexOf(label);
        assertThat(column).as(table + " has a column " + label + " among " + headers).isNotNegative();
        return browser.findElements(By.cssSelector("[data-visual='" + table + "'] tfoot td")).get(column).getAttribute("textContent");
    }

    /** The whole page, not only the window: the viewport is stretched to the page's height for the shot. */
    private static void screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1400, "height", (int) Math.min(height, 8000), "deviceScaleFactor", 1, "mobile", false));
        try {
            File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
