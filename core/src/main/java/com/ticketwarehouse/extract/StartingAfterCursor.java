package com.ticketwarehouse.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import com.ticketwarehouse.archive.Failures;
import java.io.IOException;
import java.util.List;

/**
 * Stripe paging: a list envelope {@code {"object":"list","has_more":..,"data":[..]}}, newest first;
 * the next page is asked for with {@code starting_after=<id of the last object>}.
 */
public final class StartingAfterCursor extends ListCursor {
    private final int limit;
    private String startingAfter;

    public StartingAfterCursor(String path, String query, int limit) {
        super(path, query);
        this.limit = limit;
    }

    @Override
    protected String pagingQuery() {
        return "limit=" + limit + (startingAfter == null ? "" : "&starting_after=" + startingAfter);
    }

    @Override
    public ApiPage parse(byte[] body) {
        try (JsonParser parser = JsonRecords.parser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("expected a list object");
            }
            List<byte[]> records = null;
            Boolean hasMore = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("data".equals(field) && value == JsonToken.START_ARRAY) {
                    records = JsonRecords.arrayElements(body, parser);
                } else if ("has_more".equals(field) && value.isBoolean()) {
                    hasMore = parser.getBooleanValue();
                } else {
                    parser.skipChildren();
                }
            }
            PageNumberCursor.requireEnd(parser);
            if (records == null || hasMore == null) {
                throw new IOException("the list object lacks data or has_more");
            }
            String lastId = records.isEmpty() ? null : JsonRecords.text(records.get(records.size() - 1), "id");
            return new ApiPage(records, hasMore && lastId != null, lastId);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RetryableApiException("malformed answer from Stripe " + path() + ": " + Failures.firstLine(e.getMessage()), -1);
        }
    }

    @Override
    public void advance(ApiPage page) {
        super.advance(page);
        startingAfter = page.lastId();
    }
}
