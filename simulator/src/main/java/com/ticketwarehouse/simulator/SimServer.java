package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loopback HTTP plumbing shared by both simulators: request counting, faults, streamed JSON answers. */
abstract class SimServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
    static final JsonFactory JSON = new com.fasterxml.jackson.databind.ObjectMapper().getFactory();
    static final int THREADS = 8;

    static {
        // without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every streamed answer;
        // the JDK server reads this once, when its configuration class loads
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    final SimulatedAccount account;
    final FaultPlan faults;
    private final int requestedPort;
    private final String name;
    private final AtomicLong requests = new AtomicLong();
    private HttpServer server;
    private ExecutorService pool;

    SimServer(String name, SimulatedAccount account, FaultPlan faults, int port) {
        this.name = name;
        this.account = account;
        this.faults = faults == null ? FaultPlan.none() : faults;
        this.requestedPort = port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 256);
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, name + "-sim-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(THREADS, tf);
            s.setExecutor(pool);
            s.createContext("/", this::handle);
            s.start();
            server = s;
            LOG.debug("{} simulator listening on {}", name, s.getAddress());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the " + name + " simulator on port " + requestedPort, e);
        }
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException(name + " simulator not started");
        }
        return server.getAddress().getPort();
    }

    public long requestCount() {
        return requests.get();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ---- request handling --------------------------------------------------------------------------

    /** A JSON body writer. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    /** An answer: status, extra headers, and a body streamed when sent. */
    record Reply(int status, Map<String, String> headers, Body body) {
        static Reply ok(Body body) {
            return new Reply(200, Map.of(), body);
        }

        static Reply of(int status, Body body) {
            return new Reply(status, Map.of(), body);
        }
    }

    /** One parsed request. */
    static final class Request {
        final HttpExchange exchange;
        final String method;
        final String path;
        final List<String[]> params;
        final long number;
        final FaultPlan.Decision fault;
        byte[] body = new byte[0];

        Request(HttpExchange exchange, long number, FaultPlan.Decision fault) {
            this.exchange = exchange;
            this.method = exchange.getRequestMethod();
            String p = exchange.getRequestURI().getRawPath();
            this.path = p == null ? "/" : URLDecoder.decode(p.replace("+", "%2B"), StandardCharsets.UTF_8);
            this.params = parseQuery(exchange.getRequestURI().getRawQuery());
            this.number = number;
            this.fault = fault;
        }

        String param(String name) {
            for (String[] kv : params) {
                if (kv[0].equals(name)) {
                    return kv[1];
                }
            }
            return null;
        }

        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }
    }

    static List<String[]> parseQuery(String raw) {
        List<String[]> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            out.add(new String[] {
                URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)
            });
        }
        return out;
    }

    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String[] kv : parseQuery(new String(body, StandardCharsets.UTF_8))) {
            m.putIfAbsent(kv[0], kv[1]);
        }
        return m;
    }

    private void handle(HttpExchange ex) {
        long n = requests.incrementAndGet();
        try (InputStream in = ex.getRequestBody()) {
            FaultPlan.Decision d = faults.decide(n);
            Request req = new Request(ex, n, d);
            req.body = in.readAllBytes();
            if (d.slowMillis() > 0) {
                Thread.sleep(d.slowMillis());
            }
            Reply reply;
            if (d.fault() == FaultPlan.Fault.TOO_MANY_REQUESTS) {
                reply = tooManyRequests(d.retryAfterSeconds());
            } else if (d.fault() == FaultPlan.Fault.SERVER_ERROR) {
                reply = serverError(d.status());
            } else {
                reply = route(req);
            }
            send(ex, reply, d.fault() == FaultPlan.Fault.MALFORMED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{} simulator failed on {} {}", name, ex.getRequestMethod(), ex.getRequestURI(), e);
            try {
                send(ex, serverError(500), false);
            } catch (Exception ignored) {
                // the answer may already be half sent
            }
        } finally {
            ex.close();
        }
    }

    abstract Reply route(Request req) throws IOException;

    abstract Reply tooManyRequests(int retryAfterSeconds);

    abstract Reply serverError(int status);

    private static void send(HttpExchange ex, Reply reply, boolean malformed) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (malformed && reply.status() == 200) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(8192);
            try (JsonGenerator g = JSON.createGenerator(buf, JsonEncoding.UTF8)) {
                reply.body().write(g);
            }
            byte[] all = buf.toByteArray();
            int cut = Math.max(1, all.length / 2);
            ex.sendResponseHeaders(200, cut);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(all, 0, cut);
            }
            return;
        }
        ex.sendResponseHeaders(reply.status(), 0); // chunked: the body is streamed
        try (OutputStream os = ex.getResponseBody();
                JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
            reply.body().write(g);
        }
    }
}
