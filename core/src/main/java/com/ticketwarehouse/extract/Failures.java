package com.ticketwarehouse.extract;

import java.net.ConnectException;

/** What went wrong, in one line, from under the layers Camel wraps around it (multicast, split, redelivery). */
public final class Failures {
    private Failures() {
    }

    public static String oneLine(Throwable failure) {
        Throwable reason = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "cannot reach the API (" + firstLine(t.getMessage()) + "): check TICKETSAUCE_BASE_URL, STRIPE_BASE_URL and the network";
            }
            if (reason == null && t.getMessage() != null && !t.getClass().getName().startsWith("org.apache.camel.")) {
                reason = t;
            }
        }
        Throwable shown = reason == null ? failure : reason;
        return firstLine(shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage());
    }

    public static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
