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

    private volatile int tooManyEvery;
    private volatile int retryAfterSeconds = 1;
    private volatile int serverErrorEvery;
    private volatile int slowEvery;
    private volatile int slowMillis;
    private volatile int malformedEvery;
    private volatile int tokenExpiryEvery;

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

    public synchronized FaultPlan tooManyRequestsEvery(int n, int retryAfterSeconds) {
        this.tooManyEvery = check(n);
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        return this;
    }

    public synchronized FaultPlan serverErrorEvery(int n) {
        this.serverErrorEvery = check(n);
        return this;
    }

    public synchronized FaultPlan slowEvery(int n, int delayMillis) {
        this.slowEvery = check(n);
        this.slowMillis = Math.max(0, delayMillis);
        return this;
    }

    public synchronized FaultPlan malformedEvery(int n) {
        this.malformedEvery = check(n);
        return this;
    }

    /** Ticketsauce only: the bearer token of the request is revoked and the request answers 401. */
    public synchronized FaultPlan tokenExpiryEvery(int n) {
        this.tokenExpiryEvery = check(n);
        return this;
    }

    public synchronized void disableAll() {
        tooManyEvery = 0;
        serverErrorEvery = 0;
        slowEvery = 0;
        malformedEvery = 0;
        tokenExpiryEvery = 0;
    }

    public boolean isOff() {
        return tooManyEvery == 0 && serverErrorEvery == 0 && slowEvery == 0 && malformedEvery == 0
                && tokenExpiryEvery == 0;
    }

    private static int check(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("fault rate must be >= 0 (0 = off): " + n);
        }
        return n;
    }

    private static boolean hits(long request, int every) {
        return every > 0 && request % every == 0;
    }

    /** What happens to request number {@code request} (1-based) of a server. */
    Decision decide(long request) {
        int slow = hits(request, slowEvery) ? slowMillis : 0;
        if (hits(request, tooManyEvery)) {
            return new Decision(Fault.TOO_MANY_REQUESTS, slow, retryAfterSeconds, 429);
        }
        if (hits(request, serverErrorEvery)) {
            int[] codes = {500, 502, 503};
            int code = codes[(int) ((request / serverErrorEvery) % 3)];
            return new Decision(Fault.SERVER_ERROR, slow, 0, code);
        }
        if (hits(request, tokenExpiryEvery)) {
            return new Decision(Fault.TOKEN_EXPIRY, slow, 0, 401);
        }
        if (hits(request, malformedEvery)) {
            return new Decision(Fault.MALFORMED, slow, 0, 200);
        }
        return new Decision(Fault.NONE, slow, 0, 0);
    }

    enum Fault { NONE, TOO_MANY_REQUESTS, SERVER_ERROR, TOKEN_EXPIRY, MALFORMED }

    record Decision(Fault fault, int slowMillis, int retryAfterSeconds, int status) {
    }

    @Override
    public String toString() {
        return "FaultPlan{429 every " + tooManyEvery + " (Retry-After " + retryAfterSeconds + "s), 5xx every "
                + serverErrorEvery + ", slow every " + slowEvery + " (" + slowMillis + " ms), malformed every "
                + malformedEvery + ", token expiry every " + tokenExpiryEvery + "}";
    }
}
