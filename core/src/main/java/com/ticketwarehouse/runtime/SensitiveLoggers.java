package com.ticketwarehouse.runtime;

import java.util.List;

/**
 * The loggers that print what goes over the wire, whatever is asked of them: the HTTP clients'
 * header and wire logs show the Authorization header, the token form with the client secret and
 * the token in its answer (the API's, and on aws Secrets Manager's). No masking option exists in
 * them, so they are off at every level. slf4j-simple (the CLI's logging) reads a logger's level
 * from these system properties before its own file, when the logger is made: so this runs before
 * Camel starts and any HTTP client class is loaded.
 */
final class SensitiveLoggers {
    static final List<String> NAMES = List.of("org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers",
            "org.apache.http.wire", "org.apache.http.headers");

    private SensitiveLoggers() {
    }

    static void silence() {
        NAMES.forEach(name -> System.setProperty("org.slf4j.simpleLogger.log." + name, "off"));
    }
}
