package com.ticketwarehouse.reports;

import com.ticketwarehouse.simulator.DataShape;
import com.ticketwarehouse.simulator.GroundTruth;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event's settlement statement, as CSV and as the PDF's text, against the marts (by SQL of
 * the test's own) to the cent; all statements together against the simulators' ground truth; and
 * the daily sales of a busy day against the marts; on the reference and the varied shape.
 */
class ReportTotalsTest {
    static final List<String> MONEY = List.of("face_value", "ticketing_fee", "surcharge", "service_charge", "admin_fee", "gratuity",
            "other_fees", "let_tax", "sales_tax", "gross");

    @ParameterizedTest
    @ValueSource(strings = {"reference", "varied"})
    void statements_carry_the_marts_totals_to_the_cent_and_add_up_to_the_ground_truth(String shape, @TempDir Path tmp) throws IOException {
        try (ReportLake lake = ReportLake.of(DataShape.named(shape), tmp.resolve("lake"), Map.of()).refresh()) {
            GroundTruth truth = lake.simulators.groundTruth();
            BigDecimal tickets = BigDecimal.ZERO, face = BigDecimal.ZERO, let = BigDecimal.ZERO, salesTax = BigDecimal.ZERO, gross = BigDecimal.ZERO;
            BigDecimal refunded = BigDecimal.ZERO;
            List<Map<String, String>> events = lake.rows("SELECT event_id FROM events WHERE tickets_sold > 0 ORDER BY event_id");
            assertThat(events).hasSizeGreaterThan(3);
            for (Map<String, String> event : events) {
                String id = event.get("event_id");
                Path out = tmp.resolve("out");
                Map<String, String> total = lake.settlementTotal(id, out);
                String ofEvent = " FROM event_settlement WHERE event_id = '" + id + "'";
                assertColumnsEqual(lake, total, ofEvent, Map.of("tickets", "sum(quantity)", "face_value", "sum(face_value)",
                        "let_tax", "sum(let_tax)", "sales_tax", "sum(sales_tax)", "gross", "sum(total)"));
                BigDecimal eventRefunds = lake.number("SELECT COALESCE(sum(r.amount), 0) FROM stripe_refunds r JOIN stripe_charges c ON c.charge_id = r.charge_id "
                        + "JOIN orders o ON o.order_id = c.order_id WHERE o.event_id = '" + id + "'");
                BigDecimal eventDisputes = lake.number("SELECT COALESCE(sum(d.amount), 0) FROM stripe_disputes d JOIN stripe_charges c ON c.charge_id = d.charge_id "
                        + "JOIN orders o ON o.order_id = c.order_id WHERE o.event_id = '" + id + "'");
                assertThat(new BigDecimal(total.get("refunded"))).isEqualByComparingTo(eventRefunds);
                assertThat(new BigDecimal(total.get("disputed"))).isEqualByComparingTo(eventDisputes);
                assertThat(new BigDecimal(total.get("net"))).isEqualByComparingTo(new BigDecimal(total.get("gross")).subtract(eventRefunds).subtract(eventDisputes));
                // the lines add up to the total
                BigDecimal lines = ReportLake.csv(out.resolve("settlement-" + id + ".csv")).stream().filter(r -> !r.get("ticket_type_name").equals("TOTAL"))
                        .map(r -> new BigDecimal(r.get("gross"))).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(lines).isEqualByComparingTo(new BigDecimal(total.get("gross")));

                String pdf = text(out.resolve("settlement-" + id + ".pdf"));
                assertThat(pdf).contains("Gross collected " + money(total.get("gross"))).contains("Net " + money(total.get("net")))
                        .contains("Less refunds " + money(total.get("refunded"))).contains("LET " + money(total.get("let_tax")));
                tickets = tickets.add(new BigDecimal(total.get("tickets")));
                face = face.add(new BigDecimal(total.get("face_value")));
                let = let.add(new BigDecimal(total.get("let_tax")));
                salesTax = salesTax.add(new BigDecimal(total.get("sales_tax")));
                gross = gross.add(new BigDecimal(total.get("gross")));
                refunded = refunded.add(eventRefunds);
            }
            assertThat(tickets.longValue()).isEqualTo(truth.tickets());
            assertThat(face).isEqualByComparingTo(truth.faceValue());
            assertThat(let).isEqualByComparingTo(truth.feesByKey().get("let_tax"));
            assertThat(salesTax).isEqualByComparingTo(truth.feesByKey().get("sales_tax"));
            assertThat(gross).isEqualByComparingTo(truth.faceValue().add(truth.totalFees()));
            assertThat(refunded).as("the refunds of ticket charges: at most all refunds").isLessThanOrEqualTo(truth.refundedAmount()).isPositive();

            // daily sales: the busiest day of payment, against the marts, each venue's day in UTC (the default zone)
            String day = lake.rows("SELECT CAST(CAST(paid_at_utc AS DATE) AS VARCHAR) AS day FROM ticket_sales GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
                    .get(0).get("day");
            Path out = tmp.resolve("daily");
            Map<String, String> dailyTotal = lake.dailySalesTotal(day, out);
            String onDay = " FROM ticket_sales WHERE CAST(paid_at_utc AS DATE) = DATE '" + day + "'";
            assertColumnsEqual(lake, dailyTotal, onDay, Map.of("tickets", "count(*)", "gross", "sum(total)", "taxes", "sum(let_tax + sales_tax)"));
            assertThat(text(out.resolve("daily-sales-" + day + ".pdf"))).contains("Gross " + money(dailyTotal.get("gross")));

            // a venue in another time zone: its day runs from its own midnight
            String venue = lake.rows("SELECT venue_title" + onDay + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").get(0).get("venue_title");
            ZoneId zone = ZoneId.of("America/Los_Angeles");
            lake.pipeline.context().getPropertiesComponent().addOverrideProperty(
                    "tw.report.venue." + ReportSettings.venueKey(venue) + ".time-zone", zone.getId());
            Path venueOut = tmp.resolve("daily-venue");
            lake.report("daily-sales", Map.of("date", day, "out", venueOut.toString()));
            LocalDate date = LocalDate.parse(day);
            String from = date.atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
            String to = date.plusDays(1).atStartOfDay(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
            String venueRows = " FROM ticket_sales WHERE venue_title = '" + venue.replace("'", "''") + "' AND paid_at_utc >= TIMESTAMP '" + from
                    + ":00' AND paid_at_utc < TIMESTAMP '" + to + ":00'";
            BigDecimal venueGross = ReportLake.csv(venueOut.resolve("daily-sales-" + day + ".csv")).stream()
                    .filter(r -> venue.equals(r.get("venue_title")) && !r.get("gross").isEmpty())
                    .map(r -> new BigDecimal(r.get("gross"))).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(venueGross).isEqualByComparingTo(lake.number("SELECT COALESCE(sum(total), 0)" + venueRows)).isPositive();
        }
    }

    static String text(Path pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document).replaceAll("[ \\t]+", " ");
        }
    }

    static String money(String plain) {
        return com.ticketwarehouse.dashboards.Format.MONEY.text(plain);
    }

    /** Each column of a report's line equals what its SQL aggregate gives over {@code rows} (a FROM ... WHERE ...). */
    static void assertColumnsEqual(ReportLake lake, Map<String, String> line, String rows, Map<String, String> aggregates) {
        aggregates.forEach((column, aggregate) -> assertThat(new BigDecimal(line.get(column))).as(column)
                .isEqualByComparingTo(lake.number("SELECT " + aggregate + rows)));
    }
}
