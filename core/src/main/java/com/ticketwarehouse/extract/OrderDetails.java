package com.ticketwarehouse.extract;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.routes.ExchangeProperties;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/** Fetches, one by one, the orders a list page left incomplete, and archives them together. */
public final class OrderDetails {

    private final Archive archive;

    public OrderDetails(Archive archive) {
        this.archive = archive;
    }

    @SuppressWarnings("unchecked")
    public void next(Exchange exchange) {
        List<String> ids = exchange.getProperty(ExchangeProperties.FOLLOW_UPS, List.class);
        int index = exchange.getProperty(Exchange.LOOP_INDEX, Integer.class);
        if (index == 0) {
            exchange.setProperty(ExchangeProperties.ORDER_DETAILS, new ArrayList<byte[]>());
            exchange.setProperty(ExchangeProperties.ORDER_LIST_CURSOR, exchange.getProperty(ExchangeProperties.CURSOR));
        }
        exchange.setProperty(ExchangeProperties.CURSOR, new PageNumberCursor("/order/" + ids.get(index), "", 0));
    }

    @SuppressWarnings("unchecked")
    public void collect(Exchange exchange) {
        ApiPage page = exchange.getMessage().getBody(ApiPage.class);
        if (page.records().size() != 1) {
            ListCursor cursor = exchange.getProperty(ExchangeProperties.CURSOR, ListCursor.class);
            throw new ApiException("Ticketsauce answered " + cursor.path() + " with " + page.records().size() + " orders, expected one");
        }
        exchange.getProperty(ExchangeProperties.ORDER_DETAILS, List.class).addAll(ApiClient.stamped(exchange, page.records()));
    }

    @SuppressWarnings("unchecked")
    public void archive(Exchange exchange) {
        ListCursor listCursor = exchange.getProperty(ExchangeProperties.ORDER_LIST_CURSOR, ListCursor.class);
        exchange.setProperty(ExchangeProperties.CURSOR, listCursor);
        archive.records(exchange.getProperty(ExchangeProperties.RUN, LoadRun.class), "ticketsauce", "orders", exchange.getProperty(ExchangeProperties.ORDER_DETAILS, List.class));
    }
}
