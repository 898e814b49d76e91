package com.ticketwarehouse.aws;

import java.util.Map;
import java.util.Optional;

/**
 * What an environment's application stack tells {@code ./tw}: each CloudFormation output the
 * stack declares and the setting it fills, so the stack and the command line name them once.
 */
public final class StackOutputs {
    /** The output of each setting, by output key. */
    public static final Map<String, String> SETTINGS = Map.of(
            "LakeBucket", "tw.aws.bucket",
            "LakePrefix", "tw.archive.prefix",
            "GlueDatabase", "tw.aws.database",
            "CrawlerRole", "tw.aws.crawler-role",
            "CrawlerPrefix", "tw.aws.crawler-prefix",
            "AthenaWorkgroup", "tw.aws.athena-workgroup",
            "AthenaOutput", "tw.aws.athena-output",
            "TicketsauceSecret", "tw.aws.ticketsauce-secret",
            "StripeSecret", "tw.aws.stripe-secret");

    private StackOutputs() {
    }

    /** The application stack of an environment, such as ticket-warehouse-production. */
    public static String stackName(String env) {
        return "ticket-warehouse-" + env;
    }

    public static Optional<String> settingOf(String outputKey) {
        return Optional.ofNullable(SETTINGS.get(outputKey));
    }
}
