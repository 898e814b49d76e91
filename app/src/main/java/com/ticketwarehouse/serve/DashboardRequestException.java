package com.ticketwarehouse.serve;

/** A request the dashboards cannot answer, with the HTTP status to answer it with and a one-line reason. */
public final class DashboardRequestException extends RuntimeException {
    private final int status;

    /** 400: a filter or parameter the dashboards do not take. */
    public static DashboardRequestException badRequest(String message) {
        return new DashboardRequestException(400, message);
    }

    /** 404: no such dashboard, visual or file. */
    public static DashboardRequestException notFound(String message) {
        return new DashboardRequestException(404, message);
    }

    /** 503: the lake cannot answer now. */
    public static DashboardRequestException unavailable(String message) {
        return new DashboardRequestException(503, message);
    }

    private DashboardRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
