package com.ticketwarehouse.lake;

import java.sql.SQLException;

/** A lake operation that cannot go on, with a message fit for one line. */
public class LakeException extends RuntimeException {
    public LakeException(String message) {
        super(message);
    }

    static LakeException of(String operation, SQLException e) {
        return new LakeException(operation + " failed: " + firstLine(e));
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
