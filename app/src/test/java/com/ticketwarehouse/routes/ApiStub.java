package com.ticketwarehouse.routes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A tiny stand-in for both APIs on a free loopback port, answering what each test scripts: per
 * path, answers in turn, the last one again and again. Unscripted, a Ticketsauce token, and empty
 * lists of either API. It keeps every request, for the tests to check what the routes asked.
 */
final class ApiStub implements AutoCloseable {
    record Answer(int status, String body, Map<String, String> headers, long delayMs) {
        static Answer ok(String body) {
            return new Answer(200, body, Map.of(), 0);
        }

        static Answer status(int status, String body) {
            return new Answer(status, body, Map.of(), 0);
        }

        Answer after(long delayMs) {
            return new Answer(status, body, headers, delayMs);
        }

        Answer with(String header, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(header, value);
            return new Answer(status, body, all, delayMs);
        }
    }

    record Request(String method, String path, String query, String authorization, Instant at) {
    }

    static final String EMPTY_STRIPE_LIST = "{\"object\":\"list\",\"data\":[],\"has_more\":false}";

    private final HttpServer server;
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    ApiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String ticketsauceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    String stripeUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers for a path (such as /v1/charges), in turn; the last is kept for every later request. */
    ApiStub script(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), Instant.now()));
        exchange.getRequestBody().readAllBytes();
        Answer answer = next(path);
        try {
            Thread.sleep(answer.delayMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Answer next(String path) {
        Deque<Answer> script = scripts.get(path);
        if (script != null) {
            synchronized (script) {
                return script.size() > 1 ? script.poll() : script.peek();
            }
        }
        if (path.equals("/v2/oauth/token")) {
            return Answer.ok("{\"access_token\":\"token-1\",\"expires_in\":3600}");
        }
        return Answer.ok(path.startsWith("/v1/") ? EMPTY_STRIPE_LIST : "[]");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
