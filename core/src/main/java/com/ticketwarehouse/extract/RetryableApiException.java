package com.ticketwarehouse.extract;

/** A failure that a later attempt can cure: 429, 5xx, an expired token, a malformed or cut-off body. */
public class RetryableApiException extends RuntimeException {
    private final long retryAfterMillis;

    public RetryableApiException(String message, long retryAfterMillis) {
        super(message);
        this.retryAfterMillis = retryAfterMillis;
    }

    /** What the API asked us to wait (Retry-After), or -1 to leave it to the backoff policy. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }
}
