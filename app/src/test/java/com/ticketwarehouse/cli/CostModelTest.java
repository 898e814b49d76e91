package com.ticketwarehouse.cli;

import com.ticketwarehouse.jobs.Job;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CostModelTest {
    @Test
    void the_bill_is_the_measured_quantities_times_the_runs_the_cadences_make_times_the_prices() {
        List<Job> jobs = CostCommand.awsJobs();
        assertThat(jobs).extracting(Job::name).containsExactly("sync-current", "sync-upcoming", "sync-recent", "compact", "transform",
                "report-settlement", "report-daily-sales");
        assertThat(CostModel.runsPerMonth(jobs.get(0))).as("every 5 minutes for 30 days").isEqualByComparingTo("8640");
        assertThat(CostModel.runsPerMonth(jobs.get(4))).as("the transform hourly on aws").isEqualByComparingTo("720");

        CostModel model = new CostModel(CostModel.resource(CostCommand.PRICES), CostModel.resource(CostCommand.MEASURED), jobs);
        CostModel.Line syncLambda = model.lines().get(0);
        assertThat(syncLambda.item()).startsWith("Lambda sync-current (8640 runs x 2.28 s x 0.5 GB)");
        assertThat(syncLambda.monthly()).isEqualByComparingTo(new BigDecimal("8640").multiply(new BigDecimal("2.28"))
                .multiply(new BigDecimal("0.5")).multiply(new BigDecimal("0.0000166667")));
        // the transform looks for new runs every hour; only a share of them find some and wait on Athena
        BigDecimal busy = new BigDecimal("720").multiply(new BigDecimal(CostModel.resource(CostCommand.MEASURED).getProperty("job.transform.busy-share")))
                .setScale(0, java.math.RoundingMode.HALF_UP);
        assertThat(model.lines()).extracting(CostModel.Line::item)
                .anyMatch(item -> item.startsWith("Lambda transform, with a new run (" + busy + " runs x 132 s x 0.5 GB)"))
                .anyMatch(item -> item.startsWith("Lambda transform, nothing new (" + new BigDecimal("720").subtract(busy) + " runs x 0.7 s x 0.5 GB)"))
                .anyMatch(item -> item.startsWith("Athena transform, with a new run (29 queries a run, 10 MB billed each)"))
                .noneMatch(item -> item.startsWith("Athena transform, nothing new"));
        // billed statements: 29 a refresh with news x 10 MB x the runs that have some, at 5 USD a TB
        assertThat(model.lines()).filteredOn(line -> line.item().startsWith("Athena transform")).singleElement()
                .satisfies(athena -> assertThat(athena.monthly()).isEqualByComparingTo(busy.multiply(BigDecimal.valueOf(29 * 10))
                        .divide(BigDecimal.valueOf(1024L * 1024), 9, java.math.RoundingMode.HALF_UP).multiply(new BigDecimal("5.00"))));
        assertThat(model.lines()).filteredOn(line -> line.item().startsWith("CloudWatch alarms")).singleElement()
                .satisfies(alarms -> assertThat(alarms.monthly()).isEqualByComparingTo("0.30"));
        assertThat(model.lines()).filteredOn(line -> line.item().startsWith("KMS")).singleElement()
                .satisfies(keys -> assertThat(keys.monthly()).isEqualByComparingTo("0"));
        assertThat(model.total()).isEqualByComparingTo(model.lines().stream().map(CostModel.Line::monthly).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(model.crawlersBefore(11).monthly()).as("11 crawlers x 30 days x 10 min x 0.44 USD").isEqualByComparingTo("24.20");
        assertThat(model.table(11)).contains("| **total** |").contains("prices of 2026-12-06").contains("QuickSight, apart:");
    }
}
