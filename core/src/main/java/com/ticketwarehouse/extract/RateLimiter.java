package com.ticketwarehouse.extract;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces requests evenly so that no more than the configured number start in any second. By hand,
 * in twenty lines, because neither library paces as an API's limit asks: Guava's RateLimiter banks up
 * to a second of unused permits and then bursts at twice the rate (and would add 3 MB to the Lambda
 * package), and Camel's throttle EIP, a step of the route, is passed by the error handler's
 * redeliveries, which resend from the failed call (routes/error-handling.yaml).
 */
public final class RateLimiter {
    private final long intervalNanos;
    private long nextFree;

    public RateLimiter(double requestsPerSecond) {
        this.intervalNanos = requestsPerSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / requestsPerSecond);
        this.nextFree = System.nanoTime();
    }

    public void acquire() {
        if (intervalNanos == 0) {
            return;
        }
        long start;
        synchronized (this) {
            long now = System.nanoTime();
            start = Math.max(now, nextFree);
            nextFree = start + intervalNanos;
        }
        long wait;
        while ((wait = start - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
