package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.extract.JsonRecords;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One record of the shape each API sends, for entities that have no archive yet (an account with
 * no disputes, a load that stopped before Stripe): its table is then empty but has the columns the
 * models read. Stripe's come from Stripe's published fixtures (its events: an event whose object has
 * the fields of a charge, refund, dispute and payout, as the feed mixes them); Ticketsauce's from the reference.
 */
public final class ReferenceSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceSchemas() {
    }

    /**
     * Whether the entity's archives mix shapes: the events feed carries charges, refunds, disputes
     * and payouts, so a crawl of a few events would miss the fields of the kinds not among them;
     * its reference record joins the inference.
     */
    public static boolean mixesShapes(String source, String entity) {
        return "stripe".equals(source) && "events".equals(entity);
    }

    /** One record, stamped as the archive stamps it; a reference of our own wins over Stripe's fixture. */
    public static byte[] sample(String source, String entity) {
        String own = "schemas/" + source + "/" + entity + ".json";
        String record;
        if ("stripe".equals(source) && ReferenceSchemas.class.getClassLoader().getResource(own) == null) {
            JsonNode fixture = read("stripe/fixtures3.json").path("resources").path(entity.replaceFirst("s$", ""));
            if (fixture.isMissingNode()) {
                throw new IllegalStateException("no Stripe fixture for " + entity);
            }
            record = fixture.toString();
        } else {
            record = new String(bytes(own), StandardCharsets.UTF_8).trim();
        }
        return (new String(JsonRecords.stamped(record.getBytes(StandardCharsets.UTF_8), 0), StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode read(String resource) {
        try {
            return JSON.readTree(bytes(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = ReferenceSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing reference schema " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
