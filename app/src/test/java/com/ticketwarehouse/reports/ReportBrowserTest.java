package com.ticketwarehouse.reports;

import com.ticketwarehouse.simulator.DataShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML body of a settlement statement and of a daily sales report as a browser shows it
 * (Debian's headless Chromium): the title, the facts and the totals row read as the CSV has them,
 * and nothing fetched from elsewhere (a mail client shows it as it is). Screenshots under target/.
 */
@Tag("emulators")
class ReportBrowserTest {
    static final Path SHOTS = Path.of("target", "report-screenshots");

    @Test
    void the_html_body_shows_the_statements_numbers(@TempDir Path tmp) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1300,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        try (ReportLake lake = ReportLake.of(DataShape.reference(), tmp.resolve("lake"), Map.of()).refresh()) {
            String event = lake.rows("SELECT event_id FROM event_settlement GROUP BY event_id ORDER BY count(*) DESC, sum(quantity) DESC LIMIT 1")
                    .get(0).get("event_id");
            Path out = tmp.resolve("out");
            Map<String, String> total = lake.settlementTotal(event, out);

            browser.get(out.resolve("settlement-" + event + ".html").toUri().toString());
            assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Settlement statement: ");
            assertThat(fact(browser, "Gross collected")).isEqualTo(ReportTotalsTest.money(total.get("gross")));
            assertThat(fact(browser, "Net")).isEqualTo(ReportTotalsTest.money(total.get("net")));
            assertThat(fact(browser, "LET and sales tax to remit")).isEqualTo(ReportTotalsTest.money(
                    new java.math.BigDecimal(total.get("let_tax")).add(new java.math.BigDecimal(total.get("sales_tax"))).toPlainString()));
            List<WebElement> totalsRow = browser.findElements(By.xpath("//h2[.='By ticket type']/following-sibling::table[1]//tr[last()]/td"));
            assertThat(totalsRow.get(0).getText()).isEqualTo("Total");
            assertThat(totalsRow.get(totalsRow.size() - 1).getText()).isEqualTo(ReportTotalsTest.money(total.get("gross")));
            assertThat(browser.findElements(By.cssSelector("script, link, img"))).as("a mail body fetches nothing").isEmpty();
            assertThat(browser.findElements(By.id("notice"))).as("a first statement is no revision").isEmpty();
            Files.createDirectories(SHOTS);
            Files.write(SHOTS.resolve("settlement.png"), browser.getScreenshotAs(OutputType.BYTES));

            String day = lake.rows("SELECT CAST(CAST(paid_at_utc AS DATE) AS VARCHAR) AS day FROM ticket_sales GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
                    .get(0).get("day");
            lake.report("daily-sales", Map.of("date", day, "out", out.toString()));
            browser.get(out.resolve("daily-sales-" + day + ".html").toUri().toString());
            assertThat(browser.findElements(By.tagName("h2"))).extracting(WebElement::getText)
                    .containsExactly("Sales by venue and event", "Pace of upcoming events", "Reconciliation exceptions");
            Files.write(SHOTS.resolve("daily-sales.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private static String fact(ChromeDriver browser, String label) {
        return browser.findElement(By.xpath("//table[@id='facts']//tr[th='" + label + "']/td")).getText();
    }
}
