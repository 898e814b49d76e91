package com.ticketwarehouse.benchmark;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.extract.Entities;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The floor a load is measured against: the requests a full load of one source makes (time range
 * all), by the simplest loop there is. One thread, no Camel, the JDK's HttpURLConnection (keep-alive;
 * it took a third less time and CPU here than java.net.http's HttpClient); of each answer only what
 * paging needs is read, in one streaming pass, and the answer is written gzip'd at the archive's
 * level to a file of its own.
 */
final class FetchFloor {
    static final List<String> SOURCES = List.of("ticketsauce", "stripe");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory PARSERS = JSON.getFactory();
    /** As the load's client: a token is renewed this long before the API says it expires. */
    private static final long RENEW_BEFORE_EXPIRY_SECONDS = 30;

    /** What a floor run did: its requests, and the records the load would archive from its answers. */
    record Result(long requests, long records) {
        Result plus(Result other) {
            return new Result(requests + other.requests, records + other.records);
        }
    }

    private final Function<String, String> setting;
    private Path folder;
    private long requests, records;
    private String token;
    private long renewTokenAt;

    /** @param setting the load's settings by name (base URLs, credentials, page sizes, Stripe's API version) */
    FetchFloor(Function<String, String> setting) {
        this.setting = setting;
    }

    /** @param folder where the answers are written, an empty folder the caller deletes */
    Result fetch(String source, Path folder) {
        this.folder = folder;
        requests = 0;
        records = 0;
        try {
            switch (source) {
                case "ticketsauce" -> ticketsauce();
                case "stripe" -> stripe();
                default -> throw new IllegalArgumentException("no floor for source " + source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(requests, records);
    }

    /**
     * The events (ListBeans: privacy_type=all, no start bounds for time range all), then each event's
     * pages of orders with tickets and fees, the details of each order a page sent without tickets
     * (OrderDetails), and the event's pages of check-in ids; a page shorter than asked for is the last.
     */
    private void ticketsauce() throws IOException {
        String base = setting.apply("ticketsauce.base-url");
        int ordersPerPage = Integer.parseInt(setting.apply("ticketsauce.orders-per-page"));
        int checkinsPerPage = Integer.parseInt(setting.apply("ticketsauce.checkins-per-page"));
        List<String> events = new ArrayList<>();
        records += listed(ticketsauceGet(base + "/events?privacy_type=all"), "Event", false, events);
        for (String event : events) {
            int listedOrders;
            int page = 0;
            do {
                List<String> withoutTickets = new ArrayList<>();
                listedOrders = listed(ticketsauceGet(base + "/orders/" + event + "?return_tickets=true&return_line_item_fees=true&per_page="
                        + ordersPerPage + "&page=" + ++page), "Order", true, withoutTickets);
                records += listedOrders - withoutTickets.size();
                for (String order : withoutTickets) {
                    ticketsauceGet(base + "/order/" + order);
                    records++;
                }
            } while (listedOrders == ordersPerPage);
            int listedCheckins;
            page = 0;
            do {
                listedCheckins = listed(ticketsauceGet(base + "/tickets/checkin_ids/" + event + "?per_page=" + checkinsPerPage
                        + "&page=" + ++page), null, false, null);
                records += listedCheckins;
            } while (listedCheckins == checkinsPerPage);
        }
    }

    private byte[] ticketsauceGet(String url) throws IOException {
        if (token == null || System.nanoTime() - renewTokenAt > 0) {
            newToken();
        }
        return archived(get(url, "Authorization", "Bearer " + token));
    }

    /** The token answer is a secret: it is read, never written. */
    private void newToken() throws IOException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(setting.apply("ticketsauce.client-id"), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(setting.apply("ticketsauce.client-secret"), StandardCharsets.UTF_8);
        JsonNode answer = JSON.readTree(send(setting.apply("ticketsauce.base-url") + "/oauth/token", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded"));
        token = answer.path("access_token").asText();
        long expiresIn = answer.path("expires_in").asLong(0);
        renewTokenAt = System.nanoTime() + (expiresIn > 0 ? Math.max(0, expiresIn - RENEW_BEFORE_EXPIRY_SECONDS) * 1_000_000_000L : Long.MAX_VALUE / 2);
    }

    /** Each list a full load reads, newest first, limit per page and starting_after the last object until has_more is false. */
    private void stripe() throws IOException {
        String base = setting.apply("stripe.base-url");
        String limit = setting.apply("stripe.page-size");
        for (String list : Entities.STRIPE_LISTS) {
            String startingAfter = null;
            do {
                byte[] answer = archived(get(base + "/v1/" + list + "?limit=" + limit + (startingAfter == null ? "" : "&starting_after=" + startingAfter),
                        "Authorization", "Bearer " + setting.apply("stripe.api-key"), "Stripe-Version", setting.apply("stripe.api-version")));
                startingAfter = stripeNextPage(answer);
            } while (startingAfter != null);
        }
    }

    private byte[] get(String url, String... headers) throws IOException {
        return send(url, null, headers);
    }

    /** A GET, or a POST of the form; the JDK keeps the connection open for the next request. */
    private byte[] send(String url, byte[] form, String... headers) throws IOException {
        requests++;
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        for (int i = 0; i < headers.length; i += 2) {
            connection.setRequestProperty(headers[i], headers[i + 1]);
        }
        if (form != null) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(form);
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            byte[] body = in == null ? new byte[0] : in.readAllBytes();
            if (status != 200) {
                // the path only: a query or a body could carry what must not be shown
                throw new IllegalStateException("the floor's request " + connection.getRequestMethod() + " " + connection.getURL().getPath()
                        + " was answered HTTP " + status);
            }
            return body;
        }
    }

    /** Writes the answer as the archive writes its objects: gzip at the fastest level, to a file of its own. */
    private byte[] archived(byte[] answer) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(requests + ".json.gz")), 65536) {{
            def.setLevel(Deflater.BEST_SPEED);
        }}) {
            out.write(answer);
        }
        return answer;
    }

    /**
     * The elements of a Ticketsauce list answer (an array; {@code {"error":"no_data"}} is an empty
     * list). With {@code idOf}, the {@code <idOf>.id} of each element goes to {@code ids}, or with
     * {@code withoutTicketsOnly} only of those without a top-level {@code Ticket} field.
     */
    private static int listed(byte[] answer, String idOf, boolean withoutTicketsOnly, List<String> ids) throws IOException {
        try (JsonParser json = PARSERS.createParser(answer)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                return 0;
            }
            int elements = 0;
            for (JsonToken element = json.nextToken(); element != JsonToken.END_ARRAY; element = json.nextToken()) {
                elements++;
                if (idOf == null || element != JsonToken.START_OBJECT) {
                    json.skipChildren();
                    continue;
                }
                String id = null;
                boolean tickets = false;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    json.nextToken();
                    if (field.equals(idOf)) {
                        id = idField(json);
                    } else {
                        tickets |= field.equals("Ticket");
                        json.skipChildren();
                    }
                }
                if (id != null && !(withoutTicketsOnly && tickets)) {
                    ids.add(id);
                }
            }
            return elements;
        }
    }

    /** Stripe's next page: the id of the page's last object while has_more is true, else null. */
    private String stripeNextPage(byte[] answer) throws IOException {
        try (JsonParser json = PARSERS.createParser(answer)) {
            json.nextToken();
            boolean hasMore = false;
            String lastId = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("has_more")) {
                    hasMore = value == JsonToken.VALUE_TRUE;
                } else if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        records++;
                        lastId = idField(json);
                    }
                } else {
                    json.skipChildren();
                }
            }
            return hasMore ? lastId : null;
        }
    }

    /** The {@code id} of the object the parser is at the start of; the parser ends at its end. */
    private static String idField(JsonParser json) throws IOException {
        String id = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if (field.equals("id")) {
                id = json.getText();
            }
            json.skipChildren();
        }
        return id;
    }
}
