package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.Failures;

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
        return Failures.firstLine(e.getMessage());
    }
}
