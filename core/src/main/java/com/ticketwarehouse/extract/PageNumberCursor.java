package com.ticketwarehouse.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import com.ticketwarehouse.archive.Failures;
import java.io.IOException;
import java.util.List;

/**
 * Ticketsauce paging: {@code page} from 1 and {@code per_page}; a page shorter than per_page is the
 * last. "Nothing found" is a success body {@code {"error":"no_data"}}; any other error body fails.
 * With {@code perPage == 0} the endpoint is not paged and answers once (events, one order).
 */
public final class PageNumberCursor extends ListCursor {
    private final int perPage;

    public PageNumberCursor(String path, String query, int perPage) {
        super(path, query);
        this.perPage = perPage;
    }

    @Override
    protected String pagingQuery() {
        return perPage == 0 ? "" : "per_page=" + perPage + "&page=" + (pages() + 1);
    }

    @Override
    public ApiPage parse(byte[] body) {
        try (JsonParser parser = JsonRecords.parser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                List<byte[]> records = JsonRecords.arrayElements(body, parser);
                requireEnd(parser);
                return new ApiPage(records, perPage > 0 && records.size() == perPage, null);
            }
            JsonNode object = JsonRecords.tree(body);
            if (!object.isObject()) {
                throw new IOException("expected a JSON array or object");
            }
            JsonNode error = object.get("error");
            if (error == null) {
                return new ApiPage(List.of(body), false, null);
            }
            if ("no_data".equals(error.asText())) {
                return new ApiPage(List.of(), false, null);
            }
            throw new ApiException("Ticketsauce answered " + path() + " with error: " + error);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new RetryableApiException("malformed answer from Ticketsauce " + path() + ": " + Failures.firstLine(e.getMessage()), -1);
        }
    }

    static void requireEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new IOException("unexpected content after the JSON value");
        }
    }
}
