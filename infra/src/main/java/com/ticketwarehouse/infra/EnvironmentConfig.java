package com.ticketwarehouse.infra;

import software.amazon.awscdk.Environment;

import java.util.List;
import java.util.Map;

/**
 * One environment as {@code cdk.json} describes it under {@code environments}: where it is
 * deployed and how it is sized, watched and switched. An account or region left out is the one of
 * the credentials at synth time (CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION).
 */
record EnvironmentConfig(String name, String account, String region, String alarmEmail, int memoryMb, Map<String, Integer> jobMemoryMb,
                         int timeoutMinutes,
                         long bytesScannedCutoffPerQuery, int rawToInfrequentAccessAfterDays, int athenaResultsExpireAfterDays,
                         int noncurrentVersionsExpireAfterDays, int accessLogsExpireAfterDays, String logRetention, boolean keepDataOnDelete,
                         List<String> disabledJobs, String reportSender, String quicksightImportMode, int quicksightDailyIngestions) {

    @SuppressWarnings("unchecked")
    static EnvironmentConfig from(String name, Object context) {
        if (!(context instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("cdk.json context environments." + name + " is missing or not an object");
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        return new EnvironmentConfig(name, text(map, "account", System.getenv("CDK_DEFAULT_ACCOUNT")),
                text(map, "region", System.getenv("CDK_DEFAULT_REGION")), required(name, map, "alarmEmail"),
                number(name, map, "memoryMb"), jobMemory(name, map), number(name, map, "timeoutMinutes"), (long) numeric(name, map, "bytesScannedCutoffPerQuery"),
                number(name, map, "rawToInfrequentAccessAfterDays"), number(name, map, "athenaResultsExpireAfterDays"),
                number(name, map, "noncurrentVersionsExpireAfterDays"), number(name, map, "accessLogsExpireAfterDays"), required(name, map, "logRetention"),
                Boolean.TRUE.equals(map.get("keepDataOnDelete")),
                map.get("disabledJobs") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of(),
                required(name, map, "reportSender"), importMode(name, map), dailyIngestions(name, map));
    }

    /** The memory of a job's function: its own (jobMemoryMb), else the environment's (memoryMb). */
    int memoryMb(String job) {
        return jobMemoryMb.getOrDefault(job, memoryMb);
    }

    /** Each job's memory where it is not the environment's: {"job": MB}; a job the project does not define is refused by the stack. */
    private static Map<String, Integer> jobMemory(String env, Map<String, Object> map) {
        if (map.get("jobMemoryMb") == null) {
            return Map.of();
        }
        if (!(map.get("jobMemoryMb") instanceof Map<?, ?> jobs)) {
            throw new IllegalArgumentException("cdk.json context environments." + env + ".jobMemoryMb must be an object {\"job\": MB}");
        }
        Map<String, Integer> memory = new java.util.TreeMap<>();
        jobs.forEach((job, mb) -> {
            if (!(mb instanceof Number n) || n.intValue() < 128 || n.intValue() > 10240) {
                throw new IllegalArgumentException("cdk.json context environments." + env + ".jobMemoryMb." + job + " must be 128 to 10240 (MB)");
            }
            memory.put(String.valueOf(job), n.intValue());
        });
        return Map.copyOf(memory);
    }

    /** Whether the dashboards read Athena at each view (DIRECT_QUERY, the default) or SPICE copies the transform refreshes. */
    boolean spice() {
        return quicksightImportMode.equals("SPICE");
    }

    private static String importMode(String env, Map<String, Object> map) {
        String mode = text(map, "quicksightImportMode", "DIRECT_QUERY");
        if (!mode.equals("DIRECT_QUERY") && !mode.equals("SPICE")) {
            throw new IllegalArgumentException("cdk.json context environments." + env + ".quicksightImportMode must be DIRECT_QUERY or SPICE");
        }
        return mode;
    }

    /** QuickSight allows a data set 32 refreshes a day on Enterprise, 8 on Standard. */
    private static int dailyIngestions(String env, Map<String, Object> map) {
        int perDay = map.containsKey("quicksightDailyIngestions") ? number(env, map, "quicksightDailyIngestions") : 32;
        if (perDay < 1 || perDay > 32) {
            throw new IllegalArgumentException("cdk.json context environments." + env + ".quicksightDailyIngestions must be 1 to 32");
        }
        return perDay;
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
