package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Ticketsauce v2 API over loopback: OAuth client-credentials tokens, events, paged orders with their
 * tickets and fees, order details, and paged check-in ids. Base URL {@code http://127.0.0.1:PORT/v2}.
 */
public final class TicketsauceSimulator extends SimServer {

    static final int TOKEN_SECONDS = 600;
    static final int MAX_ORDERS_PER_PAGE = 1000;
    static final int MAX_CHECKINS_PER_PAGE = 5000;

    private final String clientId;
    private final String clientSecret;
    /** valid token -> expiry (epoch millis, wall clock) */
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    /** every token ever issued, so that a test can look for them where they must never be */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final AtomicLong tokenCounter = new AtomicLong();
    private final long tokenSalt = System.nanoTime();

    public TicketsauceSimulator(SimulatedAccount account, FaultPlan faults, String clientId, String clientSecret,
            int port) {
        super("ticketsauce", account, faults, port);
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** {@code http://127.0.0.1:PORT/v2} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v2";
    }

    /** Tokens currently valid (issued, not revoked, not expired). */
    public int validTokens() {
        long t = System.currentTimeMillis();
        tokens.values().removeIf(exp -> exp < t);
        return tokens.size();
    }

    public Set<String> issuedTokens() {
        return Set.copyOf(issued);
    }

    // ---- routing -----------------------------------------------------------------------------------

    @Override
    Reply route(Request req) throws IOException {
        String path = req.path;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.equals("/v2/oauth/token")) {
            if (!req.method.equals("POST")) {
                return error(405, "method_not_allowed", "use POST");
            }
            return token(req);
        }
        if (!path.startsWith("/v2/")) {
            return error(404, "not_found", "no such endpoint");
        }
        String token = bearer(req);
        Long exp = token == null ? null : tokens.get(token);
        if (exp == null || exp < System.currentTimeMillis()) {
            if (token != null) {
                tokens.remove(token);
            }
            return error(401, "invalid_token", "The access token provided is invalid or has expired");
        }
        if (req.fault.fault() == FaultPlan.Fault.TOKEN_EXPIRY) {
            tokens.remove(token);
            return error(401, "invalid_token", "The access token provided has expired");
        }
        if (!req.method.equals("GET")) {
            return error(405, "method_not_allowed", "use GET");
        }
        String[] seg = path.substring(4).split("/");
        Reply reply = switch (seg[0]) {
            case "events" -> seg.length == 1 ? events(req) : null;
            case "event" -> seg.length == 2 ? event(seg[1]) : null;
            case "orders" -> seg.length == 2 ? orders(req, seg[1]) : null;
            case "order" -> seg.length == 2 ? order(seg[1]) : null;
            case "tickets" -> seg.length == 3 && seg[1].equals("checkin_ids") ? checkins(req, seg[2]) : null;
            default -> null;
        };
        if (reply != null) {
            return reply;
        }
        return error(404, "not_found", "no such endpoint");
    }

    private static String bearer(Request req) {
        String h = req.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        return req.param("access_token");
    }

    @Override
    Reply tooManyRequests(int retryAfterSeconds) {
        Body b = g -> {
            g.writeStartObject();
            g.writeStringField("error", "rate_limit_exceeded");
            g.writeStringField("error_description", "Too many requests; retry after " + retryAfterSeconds + " s");
            g.writeEndObject();
        };
        return new Reply(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), b);
    }

    @Override
    Reply serverError(int status) {
        return error(status, "server_error", status == 503 ? "Service temporarily unavailable"
                : status == 502 ? "Bad gateway" : "Internal server error");
    }

    static Reply error(int status, String code, String description) {
        return Reply.of(status, g -> {
            g.writeStartObject();
            g.writeStringField("error", code);
            if (description != null) {
                g.writeStringField("error_description", description);
            }
            g.writeEndObject();
        });
    }

    static final Reply NO_DATA = Reply.ok(g -> {
        g.writeStartObject();
        g.writeStringField("error", "no_data");
        g.writeEndObject();
    });

    // ---- token ---------------------------------------------------------------------------------------

    private Reply token(Request req) {
        Map<String, String> form = parseForm(req.body);
        for (String[] kv : req.params) {
            form.putIfAbsent(kv[0], kv[1]);
        }
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = req.header("Authorization");
        if ((id == null || secret == null) && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()));
                int colon = pair.indexOf(':');
                if (colon >= 0) {
                    id = pair.substring(0, colon);
                    secret = pair.substring(colon + 1);
                }
            } catch (IllegalArgumentException ignored) {
                // not basic auth after all
            }
        }
        String grant = form.get("grant_type");
        if (grant == null || !grant.equals("client_credentials")) {
            return error(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        if (!clientId.equals(id) || !clientSecret.equals(secret)) {
            return error(401, "invalid_client", "Client authentication failed: unknown client or wrong secret");
        }
        long n = tokenCounter.incrementAndGet();
        String token = Ids.hex(Ids.hash(account.seed, tokenSalt, n), 16) + Ids.hex(Ids.mix(tokenSalt ^ n), 16)
                + Ids.hex(n, 8);
        tokens.put(token, System.currentTimeMillis() + TOKEN_SECONDS * 1000L);
        issued.add(token);
        if (tokens.size() > 10_000) {
            validTokens();
        }
        return Reply.ok(g -> {
            g.writeStartObject();
            g.writeStringField("access_token", token);
            g.writeStringField("token_type", "Bearer");
            g.writeNumberField("expires_in", TOKEN_SECONDS);
            g.writeStringField("scope", "read");
            g.writeEndObject();
        });
    }

    // ---- events --------------------------------------------------------------------------------------

    private Reply events(Request req) {
        LocalDate after;
        LocalDate before;
        try {
            after = date(req.param("start_after"));
            before = date(req.param("start_before"));
        } catch (DateTimeParseException e) {
            return error(400, "invalid_parameter", "dates are YYYY-MM-DD");
        }
        String privacy = req.param("privacy_type");
        String org = req.param("organization_id");
        SimulatedAccount a = account;
        int first = -1;
        int count = 0;
        for (SimulatedAccount.SimEvent e : a.events) {
            if (matches(e, after, before, privacy, org)) {
                if (first < 0) {
                    first = e.index;
                }
                count++;
            }
        }
        if (count == 0) {
            return NO_DATA;
        }
        int from = first;
        return Reply.ok(g -> {
            g.writeStartArray();
            for (int i = from; i < a.events.length; i++) {
                SimulatedAccount.SimEvent e = a.events[i];
                if (matches(e, after, before, privacy, org)) {
                    g.writeStartObject();
                    g.writeFieldName("Event");
                    writeEvent(g, e);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
        });
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        s = s.trim();
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    }

    private static boolean matches(SimulatedAccount.SimEvent e, LocalDate after, LocalDate before, String privacy,
            String org) {
        if (after != null && e.startDate.isBefore(after)) {
            return false;
        }
        if (before != null && !e.startDate.isBefore(before)) {
            return false;
        }
        if (privacy != null && !privacy.isEmpty() && !privacy.equals("all") && !privacy.equals(e.privacy)) {
            return false;
        }
        return org == null || org.isEmpty() || org.equals(e.venue.id);
    }

    private Reply event(String id) {
        int e = account.eventIndex(id);
        if (e < 0) {
            return NO_DATA;
        }
        return Reply.ok(g -> {
            g.writeStartObject();
            g.writeFieldName("Event");
            writeEvent(g, account.events[e]);
            g.writeEndObject();
        });
    }

    private void writeEvent(JsonGenerator g, SimulatedAccount.SimEvent e) throws IOException {
        SimulatedAccount.Venue v = e.venue;
        DataShape shape = account.shape;
        long seed = account.seed;
        g.writeStartObject();
        g.writeStringField("id", e.id);
        g.writeStringField("organization_id", v.id);
        g.writeStringField("organization_name", v.title);
        g.writeStringField("partner_id", account.partnerId);
        g.writeStringField("name", e.name);
        if (shape.sends(seed, "event", e.index, "description")) {
            g.writeStringField("description", e.name + " at " + v.title + ", " + v.city + ".");
        }
        g.writeStringField("start", e.startText);
        g.writeStringField("end", e.endText);
        g.writeStringField("timezone", v.zone.getId());
        g.writeStringField("location", v.address + ", " + v.city + ", " + v.state + " " + v.zip);
        if (shape.sends(seed, "event", e.index, "location_name")) {
            g.writeStringField("location_name", v.hall);
        }
        g.writeStringField("address", v.address);
        if (shape.sends(seed, "event", e.index, "city")) {
            g.writeStringField("city", v.city);
        }
        g.writeStringField("state", v.state);
        g.writeStringField("postal_code", v.zip);
        g.writeStringField("country", "US");
        g.writeStringField("privacy_type", e.privacy);
        shape.bool(g, seed, "event", e.index, "active", true);
        g.writeStringField("currency", "USD");
        g.writeStringField("created", SimulatedAccount.DATE_TIME.format(e.created));
        g.writeStringField("modified", SimulatedAccount.DATE_TIME.format(e.created));
        g.writeStringField("url", "https://sim.ticketsauce.test/e/" + e.id);
        g.writeEndObject();
    }

    // ---- orders --------------------------------------------------------------------------------------

    private static int intParam(Request req, String name, int dflt) {
        String s = req.param(name);
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static boolean boolParam(Request req, String name) {
        String s = req.param(name);
        return s != null && (s.equalsIgnoreCase("true") || s.equals("1"));
    }

    private Reply orders(Request req, String eventId) {
        int e = account.eventIndex(eventId);
        if (e < 0) {
            return NO_DATA;
        }
        int perPage = intParam(req, "per_page", 100);
        int page = intParam(req, "page", 1);
        if (perPage < 1 || perPage > MAX_ORDERS_PER_PAGE) {
            return error(400, "invalid_parameter", "per_page must be 1.." + MAX_ORDERS_PER_PAGE);
        }
        if (page < 1) {
            return error(400, "invalid_parameter", "page must be >= 1");
        }
        int count = account.events[e].orders;
        long from = (long) (page - 1) * perPage;
        if (from >= count) {
            return NO_DATA;
        }
        int to = (int) Math.min(count, from + perPage);
        boolean tickets = boolParam(req, "return_tickets");
        boolean fees = boolParam(req, "return_line_item_fees");
        int start = (int) from;
        return Reply.ok(g -> {
            OrderData d = new OrderData();
            g.writeStartArray();
            for (int o = start; o < to; o++) {
                account.generateOrder(e, o, d);
                boolean withTickets = tickets && !account.missingTickets(d.global);
                writeOrder(g, d, withTickets, fees);
            }
            g.writeEndArray();
        });
    }

    private Reply order(String orderId) {
        int g0 = account.orderIndex(orderId);
        if (g0 < 0) {
            return NO_DATA;
        }
        int e = account.eventOfOrder(g0);
        int o = g0 - account.orderStart[e];
        return Reply.ok(g -> {
            OrderData d = new OrderData();
            account.generateOrder(e, o, d);
            writeOrder(g, d, true, true);
        });
    }

    private void writeOrder(JsonGenerator g, OrderData d, boolean tickets, boolean fees) throws IOException {
        SimulatedAccount a = account;
        SimulatedAccount.SimEvent ev = a.events[d.event];
        String orderId = a.orderId(d.global);
        String promo = d.promo >= 0 ? Names.PROMO_CODES[d.promo] : null;
        DataShape shape = a.shape;
        long seed = a.seed;
        long record = d.global;
        g.writeStartObject();
        g.writeFieldName("Order");
        g.writeStartObject();
        g.writeStringField("id", orderId);
        g.writeStringField("event_id", ev.id);
        g.writeStringField("status", "paid");
        g.writeStringField("first_name", Names.FIRST[d.first]);
        g.writeStringField("last_name", Names.LAST[d.last]);
        g.writeStringField("email", email(d));
        if (shape.sends(seed, "order", record, "phone")) {
            g.writeStringField("phone", phone(d.phone));
        }
        shape.decimal(g, seed, "order", record, "total_paid", d.total);
        shape.decimal(g, seed, "order", record, "subtotal", d.subtotal);
        shape.decimal(g, seed, "order", record, "fees_total", d.feesTotal);
        shape.integer(g, seed, "order", record, "tickets_count", d.tickets);
        // the reference documents promo codes on tickets; an account need not send one on the order
        if (!shape.isVaried()) {
            if (promo == null) {
                g.writeNullField("promo_code");
            } else {
                g.writeStringField("promo_code", promo);
            }
        }
        g.writeStringField("payment_type", d.total == 0 ? "comp" : "credit_card");
        g.writeStringField("paid_date_utc", SimulatedAccount.utc(d.paidAt));
        shape.bool(g, seed, "order", record, "opted_in", d.optedIn);
        if (shape.sends(seed, "order", record, "opted_in_sms")) {
            g.writeStringField("opted_in_sms", d.optedInSms ? "1" : "0");
        }
        g.writeEndObject();
        if (tickets) {
            g.writeArrayFieldStart("Ticket");
            for (int t = 0; t < d.tickets; t++) {
                writeTicket(g, d, t, orderId, ev, promo, fees);
            }
            g.writeEndArray();
        }
        if (fees) {
            g.writeFieldName("LineItemFees");
            writeFees(g, d.orderFees, ev.feeKeys, d.feesTotal > 0);
        }
        g.writeEndObject();
    }

    private void writeTicket(JsonGenerator g, OrderData d, int t, String orderId, SimulatedAccount.SimEvent ev,
            String promo, boolean fees) throws IOException {
        SimulatedAccount.TicketType tt = ev.types[d.type[t]];
        DataShape shape = account.shape;
        long seed = account.seed;
        long record = (long) d.global * 16 + t;
        g.writeStartObject();
        g.writeStringField("id", account.ticketId(d.global, t));
        g.writeStringField("order_id", orderId);
        g.writeStringField("event_id", ev.id);
        g.writeStringField("ticket_type_id", tt.id);
        if (shape.sends(seed, "ticket", record, "ticket_type_price_id")) {
            g.writeStringField("ticket_type_price_id", tt.priceIds[d.tier[t]]);
        }
        g.writeStringField("ticket_type_name", tt.name);
        if (shape.sends(seed, "ticket", record, "ticket_type_price")) {
            g.writeStringField("ticket_type_price", tt.priceStrings[d.tier[t]]);
        }
        shape.decimal(g, seed, "ticket", record, "price", d.priceCents[t]);
        g.writeStringField("name", Names.FIRST[d.holderFirst[t]] + " " + Names.LAST[d.holderLast[t]]);
        shape.bool(g, seed, "ticket", record, "redeemed", d.redeemed[t]);
        if (promo != null && d.priceCents[t] > 0) {
            g.writeStringField("promo_code", promo);
        } else if (!shape.isVaried()) {
            g.writeNullField("promo_code");
        }
        if (shape.drifts(seed, "ticket", record, "TicketType")) {
            g.writeArrayFieldStart("TicketType"); // the name is still in ticket_type_name
            g.writeEndArray();
        } else {
            g.writeObjectFieldStart("TicketType");
            g.writeStringField("id", tt.id);
            g.writeStringField("name", tt.name);
            g.writeEndObject();
        }
        // a ticket without fees: [] in the reference; the varied shape leaves the field out
        if (fees && (d.priceCents[t] > 0 || !shape.isVaried())) {
            g.writeFieldName("LineItemFees");
            writeFees(g, d.fees[t], ev.feeKeys, d.priceCents[t] > 0);
        }
        g.writeEndObject();
    }

    private static void writeFees(JsonGenerator g, long[] fees, int[] keys, boolean any) throws IOException {
        if (!any) {
            g.writeStartArray();
            g.writeEndArray();
            return;
        }
        g.writeStartObject();
        for (int k : keys) {
            g.writeStringField(Names.FEE_KEYS[k], Money.dec(fees[k]));
        }
        g.writeEndObject();
    }

    private static final String[] ASCII_FIRST = ascii(Names.FIRST);
    private static final String[] ASCII_LAST = ascii(Names.LAST);

    private static String[] ascii(String[] names) {
        String[] out = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = java.text.Normalizer.normalize(names[i], java.text.Normalizer.Form.NFD)
                    .replaceAll("[^A-Za-z]", "").toLowerCase(java.util.Locale.ROOT);
            out[i] = n;
        }
        return out;
    }

    static String email(OrderData d) {
        String local = ASCII_FIRST[d.first] + "." + ASCII_LAST[d.last];
        if (d.emailNumber < 40) {
            local = local + d.emailNumber;
        }
        return local + "@" + Names.EMAIL_DOMAINS[d.emailDomain];
    }

    private static String phone(int n) {
        int area = 200 + n % 700;
        int line = (n / 700) % 10_000;
        char[] c = "(000) 555-0000".toCharArray();
        c[1] = (char) ('0' + area / 100);
        c[2] = (char) ('0' + area / 10 % 10);
        c[3] = (char) ('0' + area % 10);
        c[10] = (char) ('0' + line / 1000);
        c[11] = (char) ('0' + line / 100 % 10);
        c[12] = (char) ('0' + line / 10 % 10);
        c[13] = (char) ('0' + line % 10);
        return new String(c);
    }

    // ---- check-ins -----------------------------------------------------------------------------------

    private Reply checkins(Request req, String eventId) {
        int e = account.eventIndex(eventId);
        if (e < 0) {
            return NO_DATA;
        }
        int perPage = intParam(req, "per_page", MAX_CHECKINS_PER_PAGE);
        int page = intParam(req, "page", 1);
        if (perPage < 1 || perPage > MAX_CHECKINS_PER_PAGE) {
            return error(400, "invalid_parameter", "per_page must be 1.." + MAX_CHECKINS_PER_PAGE);
        }
        if (page < 1) {
            return error(400, "invalid_parameter", "page must be >= 1");
        }
        SimulatedAccount a = account;
        int known = a.checkins(e);
        int total = known + a.unsoldCheckins(e);
        long from = (long) (page - 1) * perPage;
        if (from >= total) {
            return NO_DATA;
        }
        int skip = (int) from;
        int take = (int) Math.min(perPage, total - from);
        int firstOrder = a.orderStart[e];
        int lastOrder = a.orderStart[e + 1];
        int base = a.checkinPrefix[firstOrder];
        // first order whose check-ins reach past the ones to skip
        int lo = firstOrder;
        int hi = lastOrder;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a.checkinPrefix[mid + 1] - base > skip) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        int startOrder = lo;
        return Reply.ok(g -> {
            OrderData d = new OrderData();
            g.writeStartArray();
            int seen = a.checkinPrefix[startOrder] - base;
            int written = 0;
            for (int gi = startOrder; gi < lastOrder && written < take; gi++) {
                if (a.checkinPrefix[gi + 1] == a.checkinPrefix[gi]) {
                    continue;
                }
                a.generateOrder(e, gi - firstOrder, d);
                for (int t = 0; t < d.tickets && written < take; t++) {
                    if (!d.redeemed[t]) {
                        continue;
                    }
                    if (seen++ < skip) {
                        continue;
                    }
                    g.writeString(a.ticketId(gi, t));
                    written++;
                }
            }
            // tickets nobody sold come after the sold ones
            for (int k = Math.max(0, skip - known); k < total - known && written < take; k++) {
                g.writeString(a.unsoldTicketId(e, k));
                written++;
            }
            g.writeEndArray();
        });
    }
}
