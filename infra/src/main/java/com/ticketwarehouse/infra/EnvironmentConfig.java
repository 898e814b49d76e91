package com.ticketwarehouse.infra;

import software.amazon.awscdk.Environment;

import java.util.List;
import java.util.Map;

/**
 * One environment as {@code cdk.json} describes it under {@code environments}: where it is
 * deployed and how it is sized, watched and switched. An account or region left out is the one of
 * the credentials at synth time (CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION).
 */
record EnvironmentConfig(String name, String account, String region, String alarmEmail, int memoryMb, int timeoutMinutes,
                         long bytesScannedCutoffPerQuery, int rawToInfrequentAccessAfterDays, int athenaResultsExpireAfterDays,
                         int noncurrentVersionsExpireAfterDays, String logRetention, boolean keepDataOnDelete, List<String> disabledJobs,
                         String reportSender) {

    @SuppressWarnings("unchecked")
    static EnvironmentConfig from(String name, Object context) {
        if (!(context instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("cdk.json context environments." + name + " is missing or not an object");
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        return new EnvironmentConfig(name, text(map, "account", System.getenv("CDK_DEFAULT_ACCOUNT")),
                text(map, "region", System.getenv("CDK_DEFAULT_REGION")), required(name, map, "alarmEmail"),
                number(name, map, "memoryMb"), number(name, map, "timeoutMinutes"), (long) numeric(name, map, "bytesScannedCutoffPerQuery"),
                number(name, map, "rawToInfrequentAccessAfterDays"), number(name, map, "athenaResultsExpireAfterDays"),
                number(name, map, "noncurrentVersionsExpireAfterDays"), required(name, map, "logRetention"),
                Boolean.TRUE.equals(map.get("keepDataOnDelete")),
                map.get("disabledJobs") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
                required(name, map, "reportSender"));
    }

    /** Where the stack goes; environment-agnostic where neither cdk.json nor the credentials say. */
    Environment environment() {
        return Environment.builder().account(account).region(region).build();
    }

    private static String text(Map<String, Object> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }

    private static String required(String env, Map<String, Object> map, String key) {
        String value = text(map, key, null);
        if (value == null) {
            throw new IllegalArgumentException("cdk.json context environments." + env + "." + key + " is missing");
        }
        return value;
    }

    private static double numeric(String env, Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("cdk.json context environments." + env + "." + key + " must be a number");
        }
        return n.doubleValue();
    }

    private static int number(String env, Map<String, Object> map, String key) {
        return (int) numeric(env, map, key);
    }
}
