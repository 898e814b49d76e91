package com.ticketwarehouse.benchmark;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that a benchmark sets to a moment of its simulated time and that then ticks with the
 * system's (the runs' durations stay true while their ids fall on the simulated day).
 */
final class MovableClock extends Clock {
    private volatile Instant setTo;
    private volatile long setAtNanos;

    MovableClock(Instant at) {
        set(at);
    }

    void set(Instant at) {
        setAtNanos = System.nanoTime();
        setTo = at;
    }

    @Override
    public Instant instant() {
        return setTo.plusNanos(System.nanoTime() - setAtNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the benchmark's clock is in UTC only");
        }
        return this;
    }
}
