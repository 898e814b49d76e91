package com.ticketwarehouse.cli;

import com.ticketwarehouse.jobs.Job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the aws deployment costs a month: measured quantities of each job's run (cost/measured.properties:
 * Lambda seconds, S3 requests, Athena queries, from the benchmarks and the tests that count them) times
 * the runs a month the jobs' cadences make, times the published unit prices (cost/prices-us-east-1.properties,
 * with their date). QuickSight seats are shown apart.
 */
final class CostModel {
    private static final BigDecimal MONTH_SECONDS = BigDecimal.valueOf(30L * 24 * 3600);
    private static final BigDecimal MB_PER_TB = BigDecimal.valueOf(1024L * 1024);

    /** One line of the bill: what, how much a month, at what unit price. */
    record Line(String item, BigDecimal quantity, String unit, BigDecimal unitPrice) {
        BigDecimal monthly() {
            return quantity.multiply(unitPrice);
        }
    }

    private final Properties prices;
    private final Properties measured;
    private final List<Job> jobs;

    CostModel(Properties prices, Properties measured, List<Job> jobs) {
        this.prices = prices;
        this.measured = measured;
        this.jobs = jobs;
    }

    static Properties resource(String name) {
        Properties properties = new Properties();
        try (InputStream in = CostModel.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the package");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A job's runs in a 30-day month. */
    static BigDecimal runsPerMonth(Job job) {
        return MONTH_SECONDS.divide(BigDecimal.valueOf(job.every().toSeconds()), 0, RoundingMode.HALF_UP);
    }

    /** The monthly bill, line by line, at month 12 of a typical venue group. */
    List<Line> lines() {
        List<Line> lines = new ArrayList<>();
        for (Job job : jobs) {
            BigDecimal runs = runsPerMonth(job);
            String key = "job." + job.name() + ".";
            if (measured.containsKey(key + "busy-share")) {
                // a job that looks for work first: the runs that find some, and those that find none and end
                BigDecimal busy = runs.multiply(number(measured, key + "busy-share")).setScale(0, RoundingMode.HALF_UP);
                runLines(lines, job.name() + ", with a new run", busy, key);
                runLines(lines, job.name() + ", nothing new", runs.subtract(busy), key + "idle-");
            } else {
                runLines(lines, job.name(), runs, key);
            }
        }
        lines.add(new Line("S3 storage (raw archives and manifests at month 12)", number(measured, "lake.gb-month-12"), "GB-month",
                number(prices, "s3.gb-month")));
        lines.add(new Line("CloudWatch alarms (dead letters of every job, a run near its timeout, undefined fields)",
                number(measured, "cloudwatch.alarms"), "alarms", number(prices, "cloudwatch.alarm-month")));
        lines.add(new Line("CloudWatch Logs", number(measured, "logs.gb-month"), "GB", number(prices, "cloudwatch.logs-gb")));
        lines.add(new Line("Secrets Manager (Ticketsauce, Stripe)", BigDecimal.valueOf(2), "secrets", number(prices, "secretsmanager.secret-month")));
        lines.add(new Line("KMS (no customer-managed key: docs/operations.md, \"On aws: the alarms\")", number(measured, "kms.keys"), "keys",
                number(prices, "kms.key-month")));
        lines.add(new Line("Glue crawlers (none scheduled; Data Catalog requests within the free million)", BigDecimal.ZERO, "DPU-hours",
                number(prices, "glue.crawler-dpu-hour")));
        return lines;
    }

    /** The Lambda time and requests, S3 requests and Athena queries of so many runs, their measured quantities under this key. */
    private void runLines(List<Line> lines, String name, BigDecimal runs, String key) {
        BigDecimal memoryGb = number(measured, key + "memory-mb", "lambda.memory-mb").divide(BigDecimal.valueOf(1024), 6, RoundingMode.HALF_UP);
        BigDecimal seconds = number(measured, key + "seconds");
        lines.add(new Line("Lambda " + name + " (" + runs + " runs x " + seconds + " s x " + memoryGb.stripTrailingZeros().toPlainString() + " GB)",
                runs.multiply(seconds).multiply(memoryGb), "GB-s", number(prices, "lambda.gb-second")));
        lines.add(new Line("Lambda " + name + " requests", runs, "requests", number(prices, "lambda.request")));
        lines.add(new Line("S3 " + name + " PUT/LIST (" + number(measured, key + "s3-tier1") + " a run)",
                runs.multiply(number(measured, key + "s3-tier1")).divide(BigDecimal.valueOf(1000)), "1,000 requests",
                number(prices, "s3.tier1-per-1000")));
        lines.add(new Line("S3 " + name + " GET (" + number(measured, key + "s3-tier2") + " a run)",
                runs.multiply(number(measured, key + "s3-tier2")).divide(BigDecimal.valueOf(1000)), "1,000 requests",
                number(prices, "s3.tier2-per-1000")));
        BigDecimal queries = measured.containsKey(key + "athena-queries") ? number(measured, key + "athena-queries") : BigDecimal.ZERO;
        if (queries.signum() > 0) {
            BigDecimal billedMb = number(measured, key + "athena-mb-per-query", "athena.mb-per-query").max(number(prices, "athena.minimum-mb-per-query"));
            lines.add(new Line("Athena " + name + " (" + queries + " queries a run, " + billedMb + " MB billed each)",
                    runs.multiply(queries).multiply(billedMb).divide(MB_PER_TB, 9, RoundingMode.HALF_UP), "TB", number(prices, "athena.tb-scanned")));
        }
    }

    /** What the ten-odd daily crawlers cost before they were unscheduled: one DPU each at the 10-minute minimum. */
    Line crawlersBefore(int crawlers) {
        BigDecimal hours = BigDecimal.valueOf(crawlers * 30L).multiply(number(prices, "glue.crawler-minimum-minutes"))
                .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
        return new Line("Glue crawlers, before (" + crawlers + " daily at the 10-minute minimum, 1 DPU)", hours, "DPU-hours",
                number(prices, "glue.crawler-dpu-hour"));
    }

    BigDecimal total() {
        return lines().stream().map(Line::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The bill as a Markdown table, QuickSight seats apart. */
    String table(int crawlersBefore) {
        StringBuilder table = new StringBuilder("Monthly cost at month 12, a typical venue group (200 events, 20,000 orders a year), "
                + prices.getProperty("prices.region") + " prices of " + prices.getProperty("prices.date") + ", cadences of tw.jobs\n\n");
        table.append("| item | a month | unit | unit price (USD) | USD a month |\n|---|---:|---|---:|---:|\n");
        for (Line line : lines()) {
            table.append(row(line));
        }
        table.append(String.format("| **total** | | | | **%s** |%n", money(total())));
        Line before = crawlersBefore(crawlersBefore);
        table.append(String.format("%nFor comparison: %s: %s USD a month.%n", before.item(), money(before.monthly())));
        table.append(String.format("QuickSight, apart: %s USD an author and at most %s USD a reader a month (Enterprise); "
                        + "SPICE refreshes are free within the daily limit.%n",
                prices.getProperty("quicksight.author-month"), prices.getProperty("quicksight.reader-month-max")));
        return table.toString();
    }

    private static String row(Line line) {
        return String.format("| %s | %s | %s | %s | %s |%n", line.item(), line.quantity().setScale(Math.min(6, Math.max(0, line.quantity().scale())),
                RoundingMode.HALF_UP).stripTrailingZeros().toPlainString(), line.unit(), line.unitPrice().toPlainString(), money(line.monthly()));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The first of the keys the properties hold: a job's own quantity, else the one all jobs share. */
    private static BigDecimal number(Properties properties, String key, String otherwise) {
        return number(properties, properties.containsKey(key) ? key : otherwise);
    }

    private static BigDecimal number(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the cost model has no " + key);
        }
        return new BigDecimal(value.trim());
    }
}
