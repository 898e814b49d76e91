package com.ticketwarehouse.dashboards;

/** A dashboard definition that cannot be shown: its message names the file and what is wrong. */
public final class DefinitionException extends IllegalArgumentException {
    public DefinitionException(String message) {
        super(message);
    }
}
