package com.ticketwarehouse.lambda;

/**
 * Fails the invocation, so that Lambda's retries and failure destination see it. One line and no
 * stack: the message is the cause, and it is what the caller (and {@code ./tw invoke}) shows.
 */
public final class JobFailed extends RuntimeException {
    public JobFailed(String message) {
        super(message, null, false, false);
    }
}
