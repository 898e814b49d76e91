package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A tiny test client over java.net.http. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Answer(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
            }
        }
    }

    static Answer get(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    static Answer postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static Answer send(HttpRequest r) {
        try {
            HttpResponse<byte[]> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(resp.statusCode(), resp.headers(), resp.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every item of a Ticketsauce list, page after page of {@code perPage}, up to a short page or no_data. */
    static List<JsonNode> allPages(String url, String authorization, int perPage) {
        List<JsonNode> items = new ArrayList<>();
        String paging = (url.contains("?") ? "&" : "?") + "per_page=" + perPage + "&page=";
        for (int page = 1; ; page++) {
            JsonNode p = get(url + paging + page, authorization).json();
            if (!p.isArray()) {
                return items;
            }
            p.forEach(items::add);
            if (p.size() < perPage) {
                return items;
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Fetch a Ticketsauce token with the default credentials. */
    static String token(TicketsauceSimulator ts) {
        Answer a = postForm(ts.baseUrl() + "/oauth/token", "grant_type=client_credentials&client_id="
                + Simulators.CLIENT_ID + "&client_secret=" + Simulators.CLIENT_SECRET);
        if (a.status() != 200) {
            throw new IllegalStateException("token: " + a.status() + " " + a.text());
        }
        return a.json().get("access_token").asText();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }
}
