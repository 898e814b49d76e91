package com.ticketwarehouse.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What the archive reads of a record it is given (its id, its fields), streamed, without building a tree. */
public final class RecordFields {
    /**
     * Ours, in front of every record: when the answer holding it arrived (epoch milliseconds).
     * Staging keeps the version fetched last, so runs that overlap never put an older version back,
     * whatever their order.
     */
    public static final String FETCHED_AT = "tw_fetched_at";
    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordFields() {
    }

    /** Where the API's bytes of a stamped record begin: after {@link #FETCHED_AT} and its comma (0 for a record without it). */
    public static int stampLength(byte[] record) {
        byte[] field = ("{\"" + FETCHED_AT + "\":").getBytes(StandardCharsets.US_ASCII);
        if (record.length < field.length || !Arrays.equals(record, 0, field.length, field, 0, field.length)) {
            return 0;
        }
        int end = field.length;
        while (end < record.length && (Character.isDigit(record[end]) || record[end] == '-')) {
            end++;
        }
        return end < record.length && record[end] == ',' ? end + 1 : end;
    }

    /** The scalar at a path of field names, as text, read without building a tree; null where missing or not a scalar. */
    public static String scalarAt(byte[] record, List<String> path) {
        try (JsonParser parser = FACTORY.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (int depth = 0; depth < path.size(); depth++) {
                JsonToken value = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    boolean wanted = path.get(depth).equals(parser.currentName());
                    value = parser.nextToken();
                    if (wanted) {
                        break;
                    }
                    parser.skipChildren();
                    value = null;
                }
                if (value == null) {
                    return null;
                }
                boolean last = depth == path.size() - 1;
                if (last) {
                    return value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                }
                if (value != JsonToken.START_OBJECT) {
                    return null;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of a record's top-level fields, read without building a tree. */
    public static List<String> topLevelNames(byte[] record) {
        List<String> names = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return names;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
