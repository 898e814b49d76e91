package com.ticketwarehouse.serve;

import com.ticketwarehouse.runtime.RouteFolders;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings that turn a pipeline into the dashboard server: its routes, its beans, the HTTP server on. */
public final class DashboardServer {
    /** Only the dashboard server loads these routes. */
    static final String ROUTES = "classpath:routes/serve/*.yaml";

    private DashboardServer() {
    }

    /** @param port the port on loopback, or null for the configured one (TW_SERVE_PORT, else 8480) */
    public static Map<String, String> settings(Integer port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.putAll(RouteFolders.including(ROUTES));
        settings.put("camel.main.configuration-classes", DashboardBeans.class.getName());
        settings.put("camel.server.enabled", "true");
        if (port != null) {
            settings.put("camel.server.port", port.toString());
        }
        return settings;
    }

    /**
     * Asks the running server for its index and a dashboard, as a browser would: the first answers
     * of a fresh JVM are slow (classes, the routes' expressions), and the lake may not be ready.
     *
     * @return null when the dashboard answered, else what it answered (say, that the lake has no tables yet)
     */
    public static String firstRequests(String url, String dashboard) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            for (String path : List.of("", "dashboards/" + dashboard, "assets/dashboard.js")) {
                http.send(HttpRequest.newBuilder(URI.create(url + path)).build(), HttpResponse.BodyHandlers.discarding());
            }
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "api/dashboards/" + dashboard + "/data")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? null : answer.body();
        } catch (IOException e) {
            return "the server does not answer at " + url + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
