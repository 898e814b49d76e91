package com.ticketwarehouse.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ticketwarehouse.archive.RecordFields;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts API answers into records without re-encoding them: each record keeps the exact bytes the
 * API sent, so the archive holds what the API returned, with one field of ours in front
 * ({@link #FETCHED_AT}).
 */
public final class JsonRecords {
    /** When the answer holding the record arrived (epoch milliseconds): see {@link RecordFields#FETCHED_AT}. */
    public static final String FETCHED_AT = RecordFields.FETCHED_AT;
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonRecords() {
    }

    public static JsonParser parser(byte[] body) throws IOException {
        return FACTORY.createParser(body);
    }

    /** The elements of the array whose START_ARRAY the parser is on, each as its own bytes. */
    public static List<byte[]> arrayElements(byte[] body, JsonParser parser) throws IOException {
        List<byte[]> records = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("the JSON array ends early");
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            // a string's end is known only once its text is read (Jackson reads it lazily)
            parser.finishToken();
            int end = (int) parser.currentLocation().getByteOffset();
            records.add(Arrays.copyOfRange(body, start, end));
        }
        return records;
    }

    /** The record with {@link #FETCHED_AT} as its first field; the API's bytes follow unchanged. */
    public static byte[] stamped(byte[] record, long fetchedAtMillis) {
        if (record.length < 2 || record[0] != '{') {
            throw new IllegalArgumentException("only a JSON object can be stamped");
        }
        int next = 1;
        while (next < record.length && Character.isWhitespace(record[next])) {
            next++;
        }
        boolean empty = next < record.length && record[next] == '}';
        byte[] field = ("{\"" + FETCHED_AT + "\":" + fetchedAtMillis + (empty ? "" : ",")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = new byte[field.length + record.length - 1];
        System.arraycopy(field, 0, out, 0, field.length);
        System.arraycopy(record, 1, out, field.length, record.length - 1);
        return out;
    }

    /** A top-level string field of a record, read without building a tree; null where missing or not a string. */
    public static String topLevelText(byte[] record, String name) {
        JsonToken[] kind = new JsonToken[1];
        String value = topLevel(record, name, kind);
        return kind[0] == JsonToken.VALUE_STRING ? value : null;
    }

    /** A top-level integer field of a record, read without building a tree; null where missing or not an integer. */
    public static Long topLevelNumber(byte[] record, String name) {
        JsonToken[] kind = new JsonToken[1];
        String value = topLevel(record, name, kind);
        return kind[0] == JsonToken.VALUE_NUMBER_INT ? Long.valueOf(value) : null;
    }

    private static String topLevel(byte[] record, String name, JsonToken[] kind) {
        try (JsonParser parser = parser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted) {
                    kind[0] = value;
                    return value.isScalarValue() ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a record has the field at its top level, read without building a tree. */
    public static boolean hasTopLevelField(byte[] record, String name) {
        try (JsonParser parser = parser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (name.equals(parser.currentName())) {
                    return true;
                }
                parser.nextToken();
                parser.skipChildren();
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text at a path of field names, or null where the path is missing. */
    public static String text(byte[] record, String... path) {
        JsonNode node = tree(record);
        for (String field : path) {
            node = node.path(field);
        }
        return node.isValueNode() ? node.asText() : null;
    }

    public static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
