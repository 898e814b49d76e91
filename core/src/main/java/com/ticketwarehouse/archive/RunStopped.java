package com.ticketwarehouse.archive;

/** A run reached its deadline and took no more pages: not an error of the APIs, and not retried. */
public final class RunStopped extends RuntimeException {
    public RunStopped(String message) {
        super(message);
    }
}
