package com.ticketwarehouse.extract;

import java.util.List;

/** One answer of a list endpoint: its records exactly as the API sent them, and where the list goes on. */
public record ApiPage(List<byte[]> records, boolean hasMore, String lastId) {
}
