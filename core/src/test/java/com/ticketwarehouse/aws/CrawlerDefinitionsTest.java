package com.ticketwarehouse.aws;

import com.ticketwarehouse.extract.Entities;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The crawlers both ./tw crawl and the CDK stacks make: one per raw entity over its folder, then load_runs over its table. */
class CrawlerDefinitionsTest {
    @Test
    void a_crawler_per_entity_over_its_raw_folder_then_the_manifests_one() {
        List<CrawlerDefinitions.Crawler> crawlers = CrawlerDefinitions.of("ticket-warehouse-prod-", "s3://lake-bucket/lake/", Entities.ALL);
        assertThat(crawlers).hasSize(Entities.ALL.size() + 1);
        assertThat(crawlers.get(0)).isEqualTo(new CrawlerDefinitions.Crawler("ticket-warehouse-prod-raw-stripe-balance-transactions",
                "s3://lake-bucket/lake/raw/stripe/balance_transactions/", null, "raw_stripe_", "UPDATE_IN_DATABASE", "DEPRECATE_IN_DATABASE"));
        assertThat(crawlers).extracting(CrawlerDefinitions.Crawler::name).contains("ticket-warehouse-prod-raw-ticketsauce-orders")
                .doesNotHaveDuplicates();
        assertThat(crawlers.get(crawlers.size() - 1)).isEqualTo(new CrawlerDefinitions.Crawler("ticket-warehouse-prod-load-runs", null,
                "load_runs", "", "LOG", "LOG"));
    }
}
