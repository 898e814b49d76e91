package com.ticketwarehouse.archive;

/** A load asked to stop (SIGTERM, Ctrl-C): thrown at a safe point so that the run ends as failed. */
public final class LoadInterruptedException extends RuntimeException {
    public LoadInterruptedException(String message) {
        super(message);
    }
}
