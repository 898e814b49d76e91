package com.ticketwarehouse.serve;

/** A request the dashboards cannot answer, with the HTTP status to answer it with and a one-line reason. */
public final class DashboardRequestException extends RuntimeException {
    public static final int BAD_REQUEST = 400, NOT_FOUND = 404, UNAVAILABLE = 503;

    private final int status;

    public DashboardRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
