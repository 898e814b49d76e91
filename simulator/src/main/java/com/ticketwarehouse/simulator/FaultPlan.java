package com.ticketwarehouse.simulator;

/**
 * Which requests of a simulator fail, and how. Faults are decided by the request's sequence number on
 * its server (1-based): with {@code every = n}, requests n, 2n, 3n, ... get the fault. A retry is a new
 * request, so it normally succeeds. Every rate 0 = off. Thread-safe and changeable while serving.
 *
 * <p>When several faults fall on the same request: 429 wins over 5xx, 5xx over token expiry, token
 * expiry over malformed; a slow fault delays the request in addition to whatever else it gets.
 * Malformed bodies and token expiry only touch data reads (not the token endpoint).
 */
public final class FaultPlan {

    private volatile Rate tooMany = Rate.OFF;
    private volatile Rate serverError = Rate.OFF;
    private volatile Rate slow = Rate.OFF;
    private volatile Rate malformed = Rate.OFF;
    private volatile Rate tokenExpiry = Rate.OFF;

    /** A fault on every {@code every}-th request (0 = off), with its amount (Retry-After seconds, delay millis). */
    private record Rate(int every, int amount) {
        static final Rate OFF = new Rate(0, 0);

        Rate {
            if (every < 0) {
                throw new IllegalArgumentException("fault rate must be >= 0 (0 = off): " + every);
            }
            amount = Math.max(0, amount);
        }

        boolean hits(long request) {
            return every > 0 && request % every == 0;
        }
    }

    public static FaultPlan none() {
        return new FaultPlan();
    }

    /** A mix at moderate rates. */
    public static FaultPlan typical() {
        return new FaultPlan()
                .tooManyRequestsEvery(37, 1)
                .serverErrorEvery(23)
                .slowEvery(50, 300)
                .malformedEvery(41)
                .tokenExpiryEvery(60);
    }

    public FaultPlan tooManyRequestsEvery(int n, int retryAfterSeconds) {
        tooMany = new Rate(n, retryAfterSeconds);
        return this;
    }

    public FaultPlan serverErrorEvery(int n) {
        serverError = new Rate(n, 0);
        return this;
    }

    public FaultPlan slowEvery(int n, int delayMillis) {
        slow = new Rate(n, delayMillis);
        return this;
    }

    public FaultPlan malformedEvery(int n) {
        malformed = new Rate(n, 0);
        return this;
    }

    /** Ticketsauce only: the bearer token of the request is revoked and the request answers 401. */
    public FaultPlan tokenExpiryEvery(int n) {
        tokenExpiry = new Rate(n, 0);
        return this;
    }

    public void disableAll() {
        tooMany = Rate.OFF;
        serverError = Rate.OFF;
        slow = Rate.OFF;
        malformed = Rate.OFF;
        tokenExpiry = Rate.OFF;
    }

    public boolean isOff() {
        return tooMany.every() == 0 && serverError.every() == 0 && slow.every() == 0 && malformed.every() == 0
                && tokenExpiry.every() == 0;
    }

    /** What happens to request number {@code request} (1-based) of a server. */
    Decision decide(long request) {
        int delay = slow.hits(request) ? slow.amount() : 0;
        if (tooMany.hits(request)) {
            return new Decision(Fault.TOO_MANY_REQUESTS, delay, tooMany.amount(), 429);
        }
        if (serverError.hits(request)) {
            int[] codes = {500, 502, 503};
            int code = codes[(int) ((request / serverError.every()) % 3)];
            return new Decision(Fault.SERVER_ERROR, delay, 0, code);
        }
        if (tokenExpiry.hits(request)) {
            return new Decision(Fault.TOKEN_EXPIRY, delay, 0, 401);
        }
        if (malformed.hits(request)) {
            return new Decision(Fault.MALFORMED, delay, 0, 200);
        }
        return new Decision(Fault.NONE, delay, 0, 0);
    }

    enum Fault { NONE, TOO_MANY_REQUESTS, SERVER_ERROR, TOKEN_EXPIRY, MALFORMED }

    record Decision(Fault fault, int slowMillis, int retryAfterSeconds, int status) {
    }

    @Override
    public String toString() {
        return "FaultPlan{429 every " + tooMany.every() + " (Retry-After " + tooMany.amount() + "s), 5xx every "
                + serverError.every() + ", slow every " + slow.every() + " (" + slow.amount() + " ms), malformed every "
                + malformed.every() + ", token expiry every " + tokenExpiry.every() + "}";
    }
}
