package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * How the simulated APIs shape their records. {@code reference}: every field the reference names, in
 * the JSON type the reference shows. {@code varied}: as real accounts send them: optional fields left
 * out (some never, like a promo code on an order; some only sometimes), values in another JSON type
 * (a number where a string was, a string where a number or boolean was, {@code []} where an object
 * was), and check-ins of tickets nobody sold. Which record varies, and how, is decided from the seed,
 * the record and the field, so every answer about a record is the same. Only the form varies, never a
 * value: the ground truth is the same in both shapes, but for the unknown check-ins.
 */
public final class DataShape {
    static final long TAG_SHAPE = 20;
    static final long TAG_UNSOLD = 21;
    private static final Set<String> NAMES = Set.of("reference", "varied");

    /** Fields the varied shape sends only for some records (per object, as {@code object.field}). */
    private static final Set<String> SOMETIMES = Set.of(
            "event.city", "event.location_name", "event.description",
            "order.phone", "order.opted_in_sms",
            "ticket.ticket_type_price_id", "ticket.ticket_type_price",
            "charge.description", "charge.statement_descriptor", "charge.calculated_statement_descriptor", "charge.receipt_email",
            "refund.reason", "balance_transaction.exchange_rate", "balance_transaction.description",
            "payout.trace_id", "payout.statement_descriptor", "dispute.evidence");

    private final boolean varied;

    private DataShape(boolean varied) {
        this.varied = varied;
    }

    public static DataShape reference() {
        return new DataShape(false);
    }

    public static DataShape varied() {
        return new DataShape(true);
    }

    /** {@code reference} or {@code varied}. */
    public static DataShape named(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(n)) {
            throw new IllegalArgumentException("unknown data shape '" + name + "': use reference or varied");
        }
        return new DataShape(n.equals("varied"));
    }

    public boolean isVaried() {
        return varied;
    }

    @Override
    public String toString() {
        return varied ? "varied" : "reference";
    }

    // ---- decisions -------------------------------------------------------------------------------------

    private static boolean draw(long seed, String object, long record, String field, int oneIn) {
        long h = Ids.hash(seed, TAG_SHAPE, record, object.hashCode(), field.hashCode());
        return Long.remainderUnsigned(h, oneIn) == 0;
    }

    /** Whether the record carries the field at all. */
    boolean sends(long seed, String object, long record, String field) {
        return !varied || !SOMETIMES.contains(object + "." + field) || !draw(seed, object, record, field, 3);
    }

    /** Whether the field of the record comes in another JSON type than the reference's. */
    boolean drifts(long seed, String object, long record, String field) {
        return varied && draw(seed, object, record, "~" + field, 4);
    }

    /** How many check-ins of tickets nobody sold an event has: in the varied shape, 0 to 2 for each past event. */
    int unsoldCheckins(long seed, int event, boolean past) {
        return varied && past ? (int) Long.remainderUnsigned(Ids.hash(seed, TAG_UNSOLD, event), 3) : 0;
    }

    // ---- writing ---------------------------------------------------------------------------------------

    /** A money amount the reference sends as a decimal string; drifted: a JSON number. */
    void decimal(JsonGenerator g, long seed, String object, long record, String field, long cents) throws IOException {
        if (drifts(seed, object, record, field)) {
            g.writeNumberField(field, BigDecimal.valueOf(cents, 2));
        } else {
            g.writeStringField(field, Money.dec(cents));
        }
    }

    /** A whole number the reference sends as a JSON number; drifted: its text. */
    void integer(JsonGenerator g, long seed, String object, long record, String field, long value) throws IOException {
        if (drifts(seed, object, record, field)) {
            g.writeStringField(field, Long.toString(value));
        } else {
            g.writeNumberField(field, value);
        }
    }

    /** A flag the reference sends as true/false; drifted: "true"/"false", or 1/0 as PHP sends them. */
    void bool(JsonGenerator g, long seed, String object, long record, String field, boolean value) throws IOException {
        if (!drifts(seed, object, record, field)) {
            g.writeBooleanField(field, value);
        } else if (draw(seed, object, record, "~~" + field, 2)) {
            g.writeStringField(field, Boolean.toString(value));
        } else {
            g.writeNumberField(field, value ? 1 : 0);
        }
    }

    /** An empty object; drifted: {@code []}, as PHP encodes an empty associative array. */
    void emptyObject(JsonGenerator g, long seed, String object, long record, String field) throws IOException {
        g.writeFieldName(field);
        if (drifts(seed, object, record, field)) {
            g.writeStartArray();
            g.writeEndArray();
        } else {
            g.writeStartObject();
            g.writeEndObject();
        }
    }
}
