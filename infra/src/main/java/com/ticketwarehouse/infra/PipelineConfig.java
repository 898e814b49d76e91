package com.ticketwarehouse.infra;

import software.amazon.awscdk.Environment;

import java.util.Map;

/**
 * The pipeline as {@code cdk.json} describes it under {@code pipeline}: its account and region
 * (else the credentials'), the repository ("owner/name") and branch it follows, and the ARN of the
 * repository connection (else read at deploy time from the SSM parameter
 * {@value PipelineStack#CONNECTION_PARAMETER}).
 */
record PipelineConfig(String account, String region, String repository, String branch, String connectionArn) {

    static PipelineConfig from(Object context) {
        if (!(context instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("cdk.json context pipeline is missing or not an object");
        }
        String repository = text(map, "repository", null);
        if (repository == null || !repository.matches("[^/\\s]+/[^/\\s]+")) {
            throw new IllegalArgumentException("cdk.json context pipeline.repository must be owner/name, not '" + repository + "'");
        }
        return new PipelineConfig(text(map, "account", System.getenv("CDK_DEFAULT_ACCOUNT")), text(map, "region", System.getenv("CDK_DEFAULT_REGION")),
                repository, text(map, "branch", "main"), text(map, "connectionArn", null));
    }

    Environment environment() {
        return Environment.builder().account(account).region(region).build();
    }

    private static String text(Map<?, ?> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
