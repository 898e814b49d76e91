package com.ticketwarehouse.cli;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;

/** Turns whatever stopped a command into one line that names the problem and what to do. */
final class Errors {
    private Errors() {
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && root.getMessage() == null) {
            root = root.getCause();
        }
        Throwable connect = find(e, ConnectException.class);
        if (connect != null) {
            return "cannot reach the API (" + firstLine(connect.getMessage()) + "): check TICKETSAUCE_BASE_URL / STRIPE_BASE_URL and the network";
        }
        if (find(e, HttpConnectTimeoutException.class) != null) {
            return "the API did not answer in time: check the network, or raise TW_HTTP_TIMEOUT_MS";
        }
        return firstLine(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    static String firstLine(String message) {
        String text = message == null ? "" : message.strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
