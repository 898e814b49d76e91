package com.ticketwarehouse.jobs;

import java.time.Duration;
import java.util.Map;

/**
 * A named unit of work that runs by itself: the {@code direct:} route it sends to, the headers it
 * sends (its input), and how often. The Quartz runner, the Lambda function and the CDK schedules
 * all read jobs from the same settings ({@link Jobs}).
 */
public record Job(String name, String route, Map<String, String> input, Duration every, boolean enabled) {

    /**
     * The EventBridge schedule expression of the cadence: rate(5 minutes), rate(1 hour), rate(1 day).
     * EventBridge counts whole minutes; cadences in seconds serve only the runner (tests).
     */
    public String rateExpression() {
        if (every.toSeconds() % 60 != 0) {
            throw new IllegalStateException("job " + name + " runs every " + every.toSeconds() + " s: an EventBridge schedule needs whole minutes");
        }
        long minutes = every.toMinutes();
        if (minutes % (24 * 60) == 0) {
            return rate(minutes / (24 * 60), "day");
        }
        if (minutes % 60 == 0) {
            return rate(minutes / 60, "hour");
        }
        return rate(minutes, "minute");
    }

    private static String rate(long count, String unit) {
        return "rate(" + count + " " + unit + (count == 1 ? "" : "s") + ")";
    }
}
