package com.ticketwarehouse.runtime;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.ApiClient;
import com.ticketwarehouse.extract.EntityList;
import com.ticketwarehouse.extract.NoAutomaticRetries;
import com.ticketwarehouse.extract.OrderDetails;
import com.ticketwarehouse.extract.PageNumberCursor;
import com.ticketwarehouse.extract.StartingAfterCursor;
import com.ticketwarehouse.extract.StripeClient;
import com.ticketwarehouse.extract.TicketsauceClient;
import com.ticketwarehouse.extract.TicketsauceShapes;
import com.ticketwarehouse.extract.TimeRange;
import com.ticketwarehouse.lake.DuckDbLake;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;

/** The beans the YAML routes refer to, made from the configuration (application.properties). */
public final class TwBeans implements CamelConfiguration {
    private static final List<String> STRIPE_LISTS = List.of("charges", "refunds", "balance_transactions", "payouts", "disputes");

    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        Archive archive = new Archive(settings.get("tw.archive.prefix", ""));

        TicketsauceClient ticketsauce = new TicketsauceClient(settings.get("ticketsauce.client-id", ""),
                settings.get("ticketsauce.client-secret", ""), settings.number("ticketsauce.requests-per-second"), clock);
        StripeClient stripe = new StripeClient(settings.get("stripe.api-key", ""), settings.get("stripe.api-version", ""),
                settings.number("stripe.requests-per-second"));
        registry.bind("noAutomaticRetries", new NoAutomaticRetries());
        registry.bind("ticketsauceClient", ticketsauce);
        registry.bind("stripeClient", stripe);
        registry.bind("loads", new Loads(archive, List.<ApiClient>of(ticketsauce, stripe), clock,
                Boolean.parseBoolean(settings.get("tw.progress", "true"))));
        registry.bind("orderDetails", new OrderDetails(archive));

        int ordersPerPage = (int) settings.number("ticketsauce.orders-per-page");
        int checkinsPerPage = (int) settings.number("ticketsauce.checkins-per-page");
        registry.bind("ticketsauceEvents", new EntityList("ticketsauce", "events",
                (range, eventId) -> new PageNumberCursor("/events", eventsQuery(range), 0), TicketsauceShapes.EVENTS, archive));
        registry.bind("ticketsauceOrders", new EntityList("ticketsauce", "orders",
                (range, eventId) -> new PageNumberCursor("/orders/" + eventId, "return_tickets=true&return_line_item_fees=true", ordersPerPage),
                TicketsauceShapes.ORDERS, archive));
        registry.bind("ticketsauceCheckins", new EntityList("ticketsauce", "checkins",
                (range, eventId) -> new PageNumberCursor("/tickets/checkin_ids/" + eventId, "", checkinsPerPage),
                TicketsauceShapes.CHECKIN_IDS, archive));
        int stripePage = (int) settings.number("stripe.page-size");
        for (String list : STRIPE_LISTS) {
            registry.bind("stripe" + camel(list), new EntityList("stripe", list,
                    (range, eventId) -> new StartingAfterCursor("/v1/" + list, createdQuery(range), stripePage), EntityList.Shape.AS_RETURNED, archive));
        }
        ExecutorService workers = context.getExecutorServiceManager()
                .newFixedThreadPool(this, "ticketsauce-worker", (int) settings.number("ticketsauce.concurrency"));
        registry.bind("ticketsauceWorkers", workers);
        List<String> entities = registry.findByType(EntityList.class).stream().map(l -> l.source() + "/" + l.entity()).sorted().toList();
        String target = settings.get("tw.target", Pipeline.LOCAL);
        if (!Pipeline.LOCAL.equals(target)) {
            throw new IllegalArgumentException("the " + target + " target's lake (Glue crawlers, Athena) is not built yet: use the local target");
        }
        registry.bind("lake", new DuckDbLake(Path.of(settings.get("tw.lake.dir", "./warehouse")), entities));
    }

    static String eventsQuery(TimeRange range) {
        StringJoiner query = new StringJoiner("&").add("privacy_type=all");
        if (range.eventsFrom() != null) {
            query.add("start_after=" + range.eventsFrom());
        }
        if (range.eventsBefore() != null) {
            query.add("start_before=" + range.eventsBefore());
        }
        return query.toString();
    }

    static String createdQuery(TimeRange range) {
        StringJoiner query = new StringJoiner("&");
        if (range.createdFrom() != null) {
            query.add("created%5Bgte%5D=" + range.createdFrom().getEpochSecond());
        }
        if (range.createdBefore() != null) {
            query.add("created%5Blt%5D=" + range.createdBefore().getEpochSecond());
        }
        return query.toString();
    }

    private static String camel(String snake) {
        StringBuilder name = new StringBuilder();
        for (String word : snake.split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }
}
