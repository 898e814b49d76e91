package com.ticketwarehouse.extract;

/** A failure that retrying cannot cure: bad credentials, a request the API rejects, an error body. */
public class ApiException extends RuntimeException {
    public ApiException(String message) {
        super(message);
    }
}
