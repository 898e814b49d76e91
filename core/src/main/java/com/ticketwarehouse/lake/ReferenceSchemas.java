package com.ticketwarehouse.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One record of the shape each API sends, for entities that have no archive yet (an account with
 * no disputes, a load that stopped before Stripe): its table is then empty but has the columns the
 * models read. Stripe's come from Stripe's published fixtures; Ticketsauce's from the reference.
 */
final class ReferenceSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceSchemas() {
    }

    static byte[] sample(String source, String entity) {
        if ("stripe".equals(source)) {
            JsonNode fixture = read("stripe/fixtures3.json").path("resources").path(entity.replaceFirst("s$", ""));
            if (fixture.isMissingNode()) {
                throw new IllegalStateException("no Stripe fixture for " + entity);
            }
            return (fixture + "\n").getBytes(StandardCharsets.UTF_8);
        }
        return bytes("schemas/" + source + "/" + entity + ".json");
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
