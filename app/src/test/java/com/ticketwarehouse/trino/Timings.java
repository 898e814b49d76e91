package com.ticketwarehouse.trino;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each step of a slow test class took (loads, Trino's start, CTAS), the steps one after the other;
 * printed after the class when registered as a static {@code @RegisterExtension} field.
 */
final class Timings implements AfterAllCallback {
    private final String title;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private long stepStarted = System.nanoTime();

    Timings(String title) {
        this.title = title;
    }

    /** Starts a step here (else a step starts where the last one ended). */
    void start() {
        stepStarted = System.nanoTime();
    }

    /** Ends the step under way, named {@code what}; the next one starts now. */
    void lap(String what) {
        long now = System.nanoTime();
        add(what, stepStarted, now);
        stepStarted = now;
    }

    /** Adds to {@code what} the time from {@code started} to {@code ended} (nanoTime), from any thread. */
    synchronized void add(String what, long started, long ended) {
        millis.merge(what, (ended - started) / 1_000_000, Long::sum);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        System.out.println(title + " timings:");
        millis.forEach((what, ms) -> System.out.printf("  %-48s %7.1f s%n", what, ms / 1000.0));
    }
}
