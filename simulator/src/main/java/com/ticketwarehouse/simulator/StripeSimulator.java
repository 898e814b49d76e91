package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read side of the Stripe API over loopback: lists and single objects of charges, refunds, balance
 * transactions, payouts, disputes and events, with Stripe's paging, created filters and strict parameter
 * checks. Base URL {@code http://127.0.0.1:PORT} (paths under /v1). Objects start from Stripe's own fixtures.
 * Its clock can be set back and moved on ({@link #clock(Instant)}): it then shows the account as it was
 * at that moment, so a test can load, let a day of sales, refunds and disputes happen, and load again.
 */
public final class StripeSimulator extends SimServer {

    static final String ACCOUNT_BANK = "ba_1SimulatorBankAcct0001";

    private final String apiKey;
    private final StripeLedger s;
    private final DataShape shape;
    private final StripeFixtures.Fixture chargeFx = StripeFixtures.of("charge");
    private final StripeFixtures.Fixture refundFx = StripeFixtures.of("refund");
    private final StripeFixtures.Fixture txnFx = StripeFixtures.of("balance_transaction");
    private final StripeFixtures.Fixture payoutFx = StripeFixtures.of("payout");
    private final StripeFixtures.Fixture disputeFx = StripeFixtures.of("dispute");
    private volatile long clock;

    public StripeSimulator(SimulatedAccount account, FaultPlan faults, String apiKey, int port) {
        super("stripe", account, faults, port);
        this.apiKey = apiKey;
        this.s = account.stripe;
        this.shape = account.shape;
        this.clock = s.now;
    }

    /** Shows the account as it was at this moment, which may not be after the account's now. */
    public void clock(Instant at) {
        if (at.getEpochSecond() > s.now) {
            throw new IllegalArgumentException("the simulated account ends at " + Instant.ofEpochSecond(s.now) + ": its clock cannot go to " + at);
        }
        clock = at.getEpochSecond();
    }

    public Instant clock() {
        return Instant.ofEpochSecond(clock);
    }

    /** {@code http://127.0.0.1:PORT}; the API is under /v1. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    // ---- errors --------------------------------------------------------------------------------------

    static Reply stripeError(int status, String type, String code, String param, String message) {
        return Reply.of(status, g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            if (code != null) {
                g.writeStringField("code", code);
            }
            g.writeStringField("message", message);
            if (param != null) {
                g.writeStringField("param", param);
            }
            g.writeStringField("type", type);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    static Reply invalid(String code, String param, String message) {
        return stripeError(400, "invalid_request_error", code, param, message);
    }

    @Override
    Reply tooManyRequests(int retryAfterSeconds) {
        Reply r = stripeError(429, "invalid_request_error", "rate_limit", null,
                "Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.");
        return new Reply(429, Map.of("Retry-After", Integer.toString(retryAfterSeconds)), r.body());
    }

    @Override
    Reply serverError(int status) {
        return stripeError(status, "api_error", null, null,
                "An unknown error occurred while processing your request (simulated " + status + ").");
    }

    // ---- routing -------------------------------------------------------------------------------------

    @Override
    Reply route(Request req) throws IOException {
        Reply auth = authenticate(req);
        if (auth != null) {
            return auth;
        }
        String path = req.path;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] seg = path.split("/");
        // "", "v1", resource[, id]
        if (seg.length < 3 || seg.length > 4 || !seg[1].equals("v1") || !req.method.equals("GET")) {
            return unrecognized(req);
        }
        Resource r = Resource.of(seg[2]);
        if (r == null) {
            return unrecognized(req);
        }
        if (seg.length == 4) {
            return single(req, r, seg[3]);
        }
        return list(req, r);
    }

    private static Reply unrecognized(Request req) {
        return stripeError(404, "invalid_request_error", null, null,
                "Unrecognized request URL (" + req.method + ": " + req.path + ").");
    }

    private Reply authenticate(Request req) {
        String h = req.header("Authorization");
        String key = null;
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = h.substring(7).trim();
        } else if (h != null && h.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                key = colon >= 0 ? pair.substring(0, colon) : pair;
            } catch (IllegalArgumentException e) {
                key = "";
            }
        }
        if (key == null || key.isEmpty()) {
            return stripeError(401, "invalid_request_error", null, null,
                    "You did not provide an API key. You need to provide your API key in the Authorization header, "
                            + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        }
        if (!key.equals(apiKey)) {
            return stripeError(401, "invalid_request_error", "api_key_invalid", null,
                    "Invalid API Key provided: " + mask(key));
        }
        return null;
    }

    static String mask(String key) {
        int second = key.indexOf('_', key.indexOf('_') + 1);
        String prefix = second > 0 && second < 8 ? key.substring(0, second + 1) : "";
        String tail = key.length() >= prefix.length() + 8 ? key.substring(key.length() - 4) : "";
        return prefix + "*".repeat(Math.max(4, key.length() - prefix.length() - tail.length())) + tail;
    }

    enum Resource {
        CHARGES("charges", "ch_", "charge", Set.of("balance_transaction")),
        REFUNDS("refunds", "re_", "refund", Set.of("balance_transaction", "charge")),
        BALANCE_TRANSACTIONS("balance_transactions", "txn_", "balance_transaction", Set.of()),
        PAYOUTS("payouts", "po_", "payout", Set.of()),
        DISPUTES("disputes", "dp_", "dispute", Set.of("charge")),
        EVENTS("events", "evt_", "event", Set.of());

        final String path;
        final String prefix;
        final String objectName;
        final Set<String> expandable;

        Resource(String path, String prefix, String objectName, Set<String> expandable) {
            this.path = path;
            this.prefix = prefix;
            this.objectName = objectName;
            this.expandable = expandable;
        }

        static Resource of(String path) {
            for (Resource r : values()) {
                if (r.path.equals(path)) {
                    return r;
                }
            }
            return null;
        }
    }

    private StripeLedger.ListIndex index(Resource r) {
        return switch (r) {
            case CHARGES -> s.chargeIndex;
            case REFUNDS -> s.refundIndex;
            case BALANCE_TRANSACTIONS -> s.txnIndex;
            case PAYOUTS -> s.payoutIndex;
            case DISPUTES -> s.disputeIndex;
            case EVENTS -> s.eventIndex;
        };
    }

    /** Expansion paths of a request; null entry signals an error reply in {@code errorOut[0]}. */
    private static Set<String> expansions(Request req, Resource r, boolean list, Reply[] errorOut) {
        Set<String> out = new HashSet<>();
        for (String[] kv : req.params) {
            if (!kv[0].equals("expand[]") && !kv[0].equals("expand") && !kv[0].matches("expand\\[\\d+]")) {
                continue;
            }
            String v = kv[1];
            String field = v;
            if (list) {
                if (!v.startsWith("data.")) {
                    errorOut[0] = invalid(null, "expand", "This property cannot be expanded (" + v + ").");
                    return null;
                }
                field = v.substring(5);
            }
            if (!r.expandable.contains(field)) {
                errorOut[0] = invalid(null, "expand", "This property cannot be expanded (" + v + ").");
                return null;
            }
            out.add(field);
        }
        return out;
    }

    private static boolean isExpand(String name) {
        return name.equals("expand[]") || name.equals("expand") || name.matches("expand\\[\\d+]");
    }

    private Reply single(Request req, Resource r, String id) {
        for (String[] kv : req.params) {
            if (!isExpand(kv[0])) {
                return invalid("parameter_unknown", kv[0], "Received unknown parameter: " + kv[0]);
            }
        }
        Reply[] err = new Reply[1];
        Set<String> expand = expansions(req, r, false, err);
        if (expand == null) {
            return err[0];
        }
        StripeLedger.ListIndex idx = index(r);
        int natural = idx.find(r.prefix, id);
        long at = clock;
        if (natural < 0 || idx.created[idx.pos[natural]] > at) {
            return stripeError(404, "invalid_request_error", "resource_missing", "id",
                    "No such " + r.objectName + ": '" + id + "'");
        }
        return Reply.ok(g -> writeObject(g, r, natural, expand, at));
    }

    private static final Set<String> CREATED_OPS = Set.of("gt", "gte", "lt", "lte");

    private Reply list(Request req, Resource r) {
        StripeLedger.ListIndex idx = index(r);
        int limit = 10;
        String startingAfter = null;
        String endingBefore = null;
        long lo = Long.MIN_VALUE; // created >= lo
        long hi = Long.MAX_VALUE; // created <= hi
        for (String[] kv : req.params) {
            String k = kv[0];
            String v = kv[1];
            if (k.equals("limit")) {
                Long n = integer(v);
                if (n == null) {
                    return invalid("parameter_invalid_integer", "limit", "Invalid integer: " + v);
                }
                if (n < 1 || n > 100) {
                    return invalid("parameter_invalid_integer", "limit",
                            "This value must be between 1 and 100 (it is " + n + ").");
                }
                limit = (int) (long) n;
            } else if (k.equals("starting_after")) {
                startingAfter = v;
            } else if (k.equals("ending_before")) {
                endingBefore = v;
            } else if (k.equals("created")) {
                Long n = integer(v);
                if (n == null) {
                    return invalid("parameter_invalid_integer", "created", "Invalid integer: " + v);
                }
                lo = Math.max(lo, n);
                hi = Math.min(hi, n);
            } else if (k.startsWith("created[") && k.endsWith("]") && CREATED_OPS.contains(k.substring(8, k.length() - 1))) {
                Long n = integer(v);
                if (n == null) {
                    return invalid("parameter_invalid_integer", k, "Invalid integer: " + v);
                }
                switch (k.substring(8, k.length() - 1)) {
                    case "gt" -> lo = Math.max(lo, n + 1);
                    case "gte" -> lo = Math.max(lo, n);
                    case "lt" -> hi = Math.min(hi, n - 1);
                    default -> hi = Math.min(hi, n);
                }
            } else if (!isExpand(k)) {
                return invalid("parameter_unknown", k, "Received unknown parameter: " + k);
            }
        }
        if (startingAfter != null && endingBefore != null) {
            return invalid(null, "starting_after",
                    "You may only specify one of these parameters: ending_before, starting_after.");
        }
        Reply[] err = new Reply[1];
        Set<String> expand = expansions(req, r, true, err);
        if (expand == null) {
            return err[0];
        }
        // nothing after the clock exists yet
        long at = clock;
        hi = Math.min(hi, at);
        // positions [from, to) hold the objects inside the created range (newest first)
        int from = idx.firstAtOrBefore(hi);
        int to = lo == Long.MIN_VALUE ? idx.size : idx.firstAtOrBefore(lo - 1);
        if (to < from) {
            to = from;
        }
        int start;
        int end;
        boolean hasMore;
        if (startingAfter != null) {
            int natural = idx.find(r.prefix, startingAfter);
            if (natural < 0) {
                return invalid("resource_missing", "starting_after",
                        "No such " + r.objectName + ": '" + startingAfter + "'");
            }
            start = Math.max(from, idx.pos[natural] + 1);
            end = Math.min(to, start + limit);
            if (end < start) {
                end = start;
            }
            hasMore = end < to;
        } else if (endingBefore != null) {
            int natural = idx.find(r.prefix, endingBefore);
            if (natural < 0) {
                return invalid("resource_missing", "ending_before",
                        "No such " + r.objectName + ": '" + endingBefore + "'");
            }
            end = Math.min(to, idx.pos[natural]);
            start = Math.max(from, end - limit);
            if (end < start) {
                end = start;
            }
            hasMore = start > from;
        } else {
            start = from;
            end = Math.min(to, from + limit);
            hasMore = end < to;
        }
        int a = start;
        int b = end;
        boolean more = hasMore;
        return Reply.ok(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (int p = a; p < b; p++) {
                writeObject(g, r, idx.order[p], expand, at);
            }
            g.writeEndArray();
            g.writeBooleanField("has_more", more);
            g.writeStringField("url", "/v1/" + r.path);
            g.writeEndObject();
        });
    }

    private static Long integer(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** One object as it was at a moment. */
    private void writeObject(JsonGenerator g, Resource r, int natural, Set<String> expand, long at) throws IOException {
        switch (r) {
            case CHARGES -> writeCharge(g, natural, expand, at);
            case REFUNDS -> writeRefund(g, natural, expand, at);
            case BALANCE_TRANSACTIONS -> writeTxn(g, natural, at);
            case PAYOUTS -> writePayout(g, natural);
            case DISPUTES -> writeDispute(g, natural, expand, at);
            case EVENTS -> writeEvent(g, natural);
        }
    }

    /** An event: what changed, with the object as it was right after the change. */
    private void writeEvent(JsonGenerator g, int e) throws IOException {
        long created = s.evCreated[e];
        int ref = s.evRef[e];
        byte kind = s.evKind[e];
        g.writeStartObject();
        g.writeStringField("id", s.eventId(e));
        g.writeStringField("object", "event");
        g.writeStringField("api_version", "2024-06-20");
        g.writeNumberField("created", created);
        g.writeObjectFieldStart("data");
        g.writeFieldName("object");
        switch (kind) {
            case StripeLedger.EV_CHARGE_CREATED -> writeCharge(g, ref, Set.of(), created);
            case StripeLedger.EV_REFUND_CREATED -> writeRefund(g, ref, Set.of(), created);
            case StripeLedger.EV_CHARGE_REFUNDED -> writeCharge(g, s.reCharge[ref], Set.of(), created);
            case StripeLedger.EV_DISPUTE_CREATED, StripeLedger.EV_DISPUTE_CLOSED -> writeDispute(g, ref, Set.of(), created);
            case StripeLedger.EV_CHARGE_DISPUTED -> writeCharge(g, s.dpCharge[ref], Set.of(), created);
            default -> writePayout(g, ref);
        }
        g.writeEndObject();
        g.writeBooleanField("livemode", false);
        g.writeNumberField("pending_webhooks", 0);
        g.writeObjectFieldStart("request");
        g.writeNullField("id");
        g.writeNullField("idempotency_key");
        g.writeEndObject();
        g.writeStringField("type", switch (kind) {
            case StripeLedger.EV_CHARGE_CREATED -> s.succeeded(ref) ? "charge.succeeded" : "charge.failed";
            case StripeLedger.EV_REFUND_CREATED -> "refund.created";
            case StripeLedger.EV_CHARGE_REFUNDED -> "charge.refunded";
            case StripeLedger.EV_DISPUTE_CREATED -> "charge.dispute.created";
            case StripeLedger.EV_CHARGE_DISPUTED -> "charge.updated";
            case StripeLedger.EV_DISPUTE_CLOSED -> "charge.dispute.closed";
            default -> "payout.created";
        });
        g.writeEndObject();
    }

    // ---- objects -------------------------------------------------------------------------------------

    /** Writes one field of an object; says false where the fixture's example value stands. */
    private interface FieldWriter {
        boolean write(String field) throws IOException;
    }

    /** An object in its fixture's field order, leaving out what the varied shape does not send for this record. */
    private void writeFixture(JsonGenerator g, StripeFixtures.Fixture fx, int record, FieldWriter fields) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < fx.names().length; i++) {
            String f = fx.names()[i];
            if (shape.sends(account.seed, fx.object(), record, f) && !fields.write(f)) {
                g.writeFieldName(f);
                g.writeTree(fx.values()[i]);
            }
        }
        g.writeEndObject();
    }

    private static void writeNullable(JsonGenerator g, String field, String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    /** What a charge says about its buyer and purpose. */
    private final class ChargeInfo {
        String name;
        String email;
        String description;
        String descriptor;
        String orderId;
        String eventStart;

        ChargeInfo(int c) {
            SimulatedAccount a = account;
            int ref = s.chRef[c];
            switch (s.chKind[c]) {
                case StripeLedger.CH_TICKET, StripeLedger.CH_FAILED -> {
                    OrderData d = new OrderData();
                    int e = a.eventOfOrder(ref);
                    a.generateOrder(e, ref - a.orderStart[e], d);
                    SimulatedAccount.SimEvent ev = a.events[e];
                    name = Names.FIRST[d.first] + " " + Names.LAST[d.last];
                    email = TicketsauceSimulator.email(d);
                    orderId = a.orderId(ref);
                    eventStart = ev.startText;
                    description = "Tickets: " + ev.name + " (" + ev.venue.title + "), order " + orderId.substring(0, 8);
                    descriptor = "TICKETSAUCE";
                }
                case StripeLedger.CH_ORPHAN -> {
                    long h = Ids.hash(a.seed, StripeLedger.TAG_ORPHAN, ref, 7);
                    name = Names.FIRST[(int) Long.remainderUnsigned(h, Names.FIRST.length)] + " "
                            + Names.LAST[(int) Long.remainderUnsigned(h >>> 20, Names.LAST.length)];
                    email = null;
                    orderId = Ids.indexedUuid(a.seed, StripeLedger.TAG_ORPHAN_ORDER_ID, ref);
                    SimulatedAccount.SimEvent ev = a.events.length == 0 ? null
                            : a.events[(int) Long.remainderUnsigned(h >>> 40, a.events.length)];
                    eventStart = ev == null ? "2024-01-01 20:00:00" : ev.startText;
                    description = "Tickets: " + (ev == null ? "event" : ev.name) + ", order " + orderId.substring(0, 8);
                    descriptor = "TICKETSAUCE";
                }
                default -> {
                    long h = Ids.hash(a.seed, StripeLedger.TAG_OTHER, ref, 7);
                    name = Names.FIRST[(int) Long.remainderUnsigned(h, Names.FIRST.length)] + " "
                            + Names.LAST[(int) Long.remainderUnsigned(h >>> 20, Names.LAST.length)];
                    description = "Bar tab";
                    descriptor = "BAR TAB";
                }
            }
        }
    }

    private void writeCharge(JsonGenerator g, int c, Set<String> expand, long at) throws IOException {
        ChargeInfo info = new ChargeInfo(c);
        boolean ok = s.succeeded(c);
        long amount = s.chAmount[c];
        String id = s.chargeId(c);
        int refund = s.chRefund[c] >= 0 && s.reCreated[s.chRefund[c]] <= at ? s.chRefund[c] : -1;
        long refunded = refund >= 0 ? s.chRefunded[c] : 0;
        boolean disputed = s.chDispute[c] >= 0 && s.dpCreated[s.chDispute[c]] <= at;
        writeFixture(g, chargeFx, c, f -> {
            switch (f) {
                case "id" -> g.writeStringField(f, id);
                case "object" -> g.writeStringField(f, "charge");
                case "amount" -> shape.integer(g, account.seed, "charge", c, f, amount);
                case "amount_captured" -> g.writeNumberField(f, ok ? amount : 0);
                case "amount_refunded" -> g.writeNumberField(f, refunded);
                case "balance_transaction" -> {
                    if (!ok) {
                        g.writeNullField(f);
                    } else if (expand.contains(f)) {
                        g.writeFieldName(f);
                        writeTxn(g, s.chTxn[c], at);
                    } else {
                        g.writeStringField(f, s.txnId(s.chTxn[c]));
                    }
                }
                case "billing_details" -> {
                    g.writeObjectFieldStart(f);
                    g.writeFieldName("address");
                    g.writeTree(chargeFx.get("billing_details").get("address"));
                    writeNullable(g, "email", info.email);
                    g.writeStringField("name", info.name);
                    g.writeNullField("phone");
                    g.writeNullField("tax_id");
                    g.writeEndObject();
                }
                case "calculated_statement_descriptor", "statement_descriptor" ->
                        g.writeStringField(f, info.descriptor);
                case "captured" -> g.writeBooleanField(f, ok);
                case "paid" -> g.writeBooleanField(f, ok);
                case "created" -> shape.integer(g, account.seed, "charge", c, f, s.chCreated[c]);
                case "currency" -> g.writeStringField(f, "usd");
                case "customer", "review", "source", "transfer_data", "receipt_number", "failure_balance_transaction",
                        "application", "application_fee", "application_fee_amount", "on_behalf_of",
                        "transfer_group", "source_transfer", "statement_descriptor_suffix" -> g.writeNullField(f);
                case "shipping" -> g.writeNullField(f);
                case "description" -> g.writeStringField(f, info.description);
                case "disputed" -> shape.bool(g, account.seed, "charge", c, f, disputed);
                case "failure_code" -> writeNullable(g, f, ok ? null : "card_declined");
                case "failure_message" -> writeNullable(g, f, ok ? null : "Your card was declined.");
                case "livemode" -> g.writeBooleanField(f, false);
                case "metadata" -> {
                    if (info.orderId == null) {
                        shape.emptyObject(g, account.seed, "charge", c, f);
                    } else {
                        g.writeObjectFieldStart(f);
                        g.writeStringField("order_id", info.orderId);
                        g.writeStringField("event_start", info.eventStart);
                        g.writeEndObject();
                    }
                }
                case "outcome" -> {
                    g.writeObjectFieldStart(f);
                    g.writeNullField("advice_code");
                    g.writeNullField("network_advice_code");
                    g.writeNullField("network_decline_code");
                    g.writeStringField("network_status", ok ? "approved_by_network" : "declined_by_network");
                    writeNullable(g, "reason", ok ? null : "generic_decline");
                    g.writeStringField("risk_level", "normal");
                    g.writeStringField("seller_message", ok ? "Payment complete."
                            : "The bank did not return any further details with this decline.");
                    g.writeStringField("type", ok ? "authorized" : "issuer_declined");
                    g.writeEndObject();
                }
                case "payment_intent" -> g.writeStringField(f, s.paymentIntentId(c, account.totalOrders));
                case "payment_method" -> g.writeStringField(f, s.paymentMethodId(c));
                case "receipt_email" -> writeNullable(g, f, info.email);
                case "receipt_url" -> g.writeStringField(f, "https://pay.stripe.sim/receipts/payment/" + id);
                case "refunded" -> shape.bool(g, account.seed, "charge", c, f, refunded > 0 && refunded >= amount);
                case "refunds" -> {
                    g.writeObjectFieldStart(f);
                    g.writeStringField("object", "list");
                    g.writeArrayFieldStart("data");
                    if (refund >= 0) {
                        writeRefund(g, refund, Set.of(), at);
                    }
                    g.writeEndArray();
                    g.writeBooleanField("has_more", false);
                    g.writeNumberField("total_count", refund >= 0 ? 1 : 0);
                    g.writeStringField("url", "/v1/charges/" + id + "/refunds");
                    g.writeEndObject();
                }
                case "status" -> g.writeStringField(f, ok ? "succeeded" : "failed");
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    /** A charge's id, or the whole charge where the request expands it. */
    private void writeChargeField(JsonGenerator g, String f, int c, Set<String> expand, long at) throws IOException {
        if (expand.contains(f)) {
            g.writeFieldName(f);
            writeCharge(g, c, Set.of(), at);
        } else {
            g.writeStringField(f, s.chargeId(c));
        }
    }

    private void writeRefund(JsonGenerator g, int r, Set<String> expand, long at) throws IOException {
        int c = s.reCharge[r];
        writeFixture(g, refundFx, r, f -> {
            switch (f) {
                case "id" -> g.writeStringField(f, s.refundId(r));
                case "object" -> g.writeStringField(f, "refund");
                case "amount" -> shape.integer(g, account.seed, "refund", r, f, s.reAmount[r]);
                case "balance_transaction" -> {
                    if (expand.contains(f)) {
                        g.writeFieldName(f);
                        writeTxn(g, s.reTxn[r], at);
                    } else {
                        g.writeStringField(f, s.txnId(s.reTxn[r]));
                    }
                }
                case "charge" -> writeChargeField(g, f, c, expand, at);
                case "created" -> g.writeNumberField(f, s.reCreated[r]);
                case "currency" -> g.writeStringField(f, "usd");
                case "metadata" -> {
                    g.writeObjectFieldStart(f);
                    g.writeEndObject();
                }
                case "payment_intent" -> g.writeStringField(f, s.paymentIntentId(c, account.totalOrders));
                case "reason" -> g.writeStringField(f, "requested_by_customer");
                case "status" -> g.writeStringField(f, "succeeded");
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private void writeTxn(JsonGenerator g, int t, long at) throws IOException {
        byte kind = s.txKind[t];
        long amount = s.txAmount[t];
        long fee = s.txFee[t];
        long created = s.txCreated[t];
        long available = created + 2 * StripeLedger.DAY;
        int ref = s.txRef[t];
        writeFixture(g, txnFx, t, f -> {
            switch (f) {
                case "id" -> g.writeStringField(f, s.txnId(t));
                case "object" -> g.writeStringField(f, "balance_transaction");
                case "amount" -> g.writeNumberField(f, amount);
                case "available_on" -> g.writeNumberField(f, available);
                case "created" -> g.writeNumberField(f, created);
                case "currency" -> g.writeStringField(f, "usd");
                case "description" -> g.writeStringField(f, switch (kind) {
                    case StripeLedger.TX_CHARGE -> new ChargeInfo(ref).description;
                    case StripeLedger.TX_REFUND -> "REFUND FOR CHARGE (" + s.chargeId(s.reCharge[ref]) + ")";
                    default -> "Chargeback withdrawal for " + s.chargeId(s.dpCharge[ref]);
                });
                case "exchange_rate" -> g.writeNullField(f);
                case "fee" -> shape.integer(g, account.seed, "balance_transaction", t, f, fee);
                case "fee_details" -> {
                    g.writeArrayFieldStart(f);
                    if (fee != 0) {
                        g.writeStartObject();
                        g.writeNumberField("amount", fee);
                        g.writeNullField("application");
                        g.writeStringField("currency", "usd");
                        g.writeStringField("description",
                                kind == StripeLedger.TX_ADJUSTMENT ? "Dispute fee" : "Stripe processing fees");
                        g.writeStringField("type", "stripe_fee");
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
                case "net" -> g.writeNumberField(f, amount - fee);
                case "reporting_category" -> g.writeStringField(f, switch (kind) {
                    case StripeLedger.TX_CHARGE -> "charge";
                    case StripeLedger.TX_REFUND -> "refund";
                    default -> "dispute";
                });
                case "source" -> g.writeStringField(f, switch (kind) {
                    case StripeLedger.TX_CHARGE -> s.chargeId(ref);
                    case StripeLedger.TX_REFUND -> s.refundId(ref);
                    default -> s.disputeId(ref);
                });
                case "status" -> g.writeStringField(f, available <= at ? "available" : "pending");
                case "type" -> g.writeStringField(f, switch (kind) {
                    case StripeLedger.TX_CHARGE -> "charge";
                    case StripeLedger.TX_REFUND -> "refund";
                    default -> "adjustment";
                });
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private void writePayout(JsonGenerator g, int p) throws IOException {
        String id = s.payoutId(p);
        writeFixture(g, payoutFx, p, f -> {
            switch (f) {
                case "id" -> g.writeStringField(f, id);
                case "object" -> g.writeStringField(f, "payout");
                case "amount" -> g.writeNumberField(f, s.poAmount[p]);
                case "arrival_date" -> shape.integer(g, account.seed, "payout", p, f, s.poCreated[p] + 2 * StripeLedger.DAY);
                case "automatic" -> g.writeBooleanField(f, true);
                case "balance_transaction", "failure_balance_transaction", "failure_code", "failure_message",
                        "original_payout", "reversed_by", "statement_descriptor", "application_fee",
                        "application_fee_amount", "payout_method" -> g.writeNullField(f);
                case "created" -> g.writeNumberField(f, s.poCreated[p]);
                case "currency" -> g.writeStringField(f, "usd");
                case "description" -> g.writeStringField(f, "STRIPE PAYOUT");
                case "destination" -> g.writeStringField(f, ACCOUNT_BANK);
                case "livemode" -> g.writeBooleanField(f, false);
                case "metadata" -> {
                    g.writeObjectFieldStart(f);
                    g.writeStringField("week_start", SimulatedAccount.utc(s.poWeekStart[p]));
                    g.writeEndObject();
                }
                case "method" -> g.writeStringField(f, "standard");
                case "reconciliation_status" -> g.writeStringField(f, "completed");
                case "status" -> g.writeStringField(f, "paid");
                case "trace_id" -> {
                    g.writeObjectFieldStart(f);
                    g.writeStringField("status", "supported");
                    g.writeStringField("value", Ids.hex(Ids.mix(s.payoutIndex.keys[p]), 16).toUpperCase());
                    g.writeEndObject();
                }
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    private void writeDispute(JsonGenerator g, int d, Set<String> expand, long at) throws IOException {
        int c = s.dpCharge[d];
        long created = s.dpCreated[d];
        long dueBy = created + 14 * StripeLedger.DAY;
        byte status = s.disputeStatus(d, at);
        writeFixture(g, disputeFx, d, f -> {
            switch (f) {
                case "id" -> g.writeStringField(f, s.disputeId(d));
                case "object" -> g.writeStringField(f, "dispute");
                case "amount" -> g.writeNumberField(f, s.chAmount[c]);
                case "balance_transactions" -> {
                    g.writeArrayFieldStart(f);
                    if (s.dpTxn[d] >= 0) {
                        writeTxn(g, s.dpTxn[d], at);
                    }
                    g.writeEndArray();
                }
                case "charge" -> writeChargeField(g, f, c, expand, at);
                case "created" -> shape.integer(g, account.seed, "dispute", d, f, created);
                case "currency" -> g.writeStringField(f, "usd");
                case "evidence_details" -> {
                    g.writeObjectFieldStart(f);
                    g.writeNumberField("due_by", dueBy);
                    g.writeBooleanField("has_evidence", status != StripeLedger.DP_NEEDS_RESPONSE);
                    g.writeBooleanField("past_due", status == StripeLedger.DP_NEEDS_RESPONSE && dueBy < at);
                    g.writeNumberField("submission_count", status != StripeLedger.DP_NEEDS_RESPONSE ? 1 : 0);
                    g.writeObjectFieldStart("enhanced_eligibility");
                    g.writeEndObject();
                    g.writeEndObject();
                }
                case "is_charge_refundable" -> g.writeBooleanField(f, false);
                case "livemode" -> g.writeBooleanField(f, false);
                case "metadata" -> {
                    g.writeObjectFieldStart(f);
                    g.writeEndObject();
                }
                case "payment_intent" -> g.writeStringField(f, s.paymentIntentId(c, account.totalOrders));
                case "reason" -> g.writeStringField(f, StripeLedger.DISPUTE_REASONS[s.dpReason[d]]);
                case "status" -> g.writeStringField(f, StripeLedger.DISPUTE_STATUS[status]);
                default -> {
                    return false;
                }
            }
            return true;
        });
    }

    /** For benchmarks: how many objects of a list (or events) were created in [from, to] (Unix seconds). */
    public long count(String resource, long from, long to) {
        StripeLedger.ListIndex idx = index(Resource.of(resource));
        return Math.max(0, idx.firstAtOrBefore(from - 1) - idx.firstAtOrBefore(to));
    }

    /** For tests and tools: every id of a resource, newest first. */
    List<String> allIds(String resource) {
        Resource r = Resource.of(resource);
        StripeLedger.ListIndex idx = index(r);
        List<String> out = new ArrayList<>(idx.size);
        for (int p = 0; p < idx.size; p++) {
            out.add(Ids.stripeId(r.prefix, idx.keys[idx.order[p]]));
        }
        return out;
    }
}
