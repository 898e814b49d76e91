package com.ticketwarehouse.runtime;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.TimeRange;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.extract.EntityList;
import com.ticketwarehouse.extract.PageNumberCursor;
import com.ticketwarehouse.extract.StartingAfterCursor;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.extract.TicketsauceShapes;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The lists the {@code paged-extract} template reads, each under the name its templated route gives
 * as {@code list} (routes/ticketsauce.yaml, routes/stripe.yaml): where a list starts, and which of
 * a page's records it archives.
 */
@Configuration
public final class ListBeans implements CamelConfiguration {
    @BindToRegistry("ticketsauceEvents")
    public EntityList ticketsauceEvents(Archive archive) {
        return new EntityList("ticketsauce", "events", (run, sync, eventId) -> new PageNumberCursor("/events", eventsQuery(run.range()), 0),
                TicketsauceShapes.EVENTS, archive);
    }

    @BindToRegistry("ticketsauceOrders")
    public EntityList ticketsauceOrders(Archive archive, @PropertyInject("ticketsauce.orders-per-page") int pageSize) {
        return new EntityList("ticketsauce", "orders", (run, sync, eventId) -> new PageNumberCursor("/orders/" + eventId,
                "return_tickets=true&return_line_item_fees=true", pageSize), TicketsauceShapes.ORDERS, archive);
    }

    @BindToRegistry("ticketsauceCheckins")
    public EntityList ticketsauceCheckins(Archive archive, @PropertyInject("ticketsauce.checkins-per-page") int pageSize) {
        return new EntityList("ticketsauce", "checkins", (run, sync, eventId) -> new PageNumberCursor("/tickets/checkin_ids/" + eventId,
                "", pageSize), TicketsauceShapes.CHECKIN_IDS, archive);
    }

    /**
     * The Stripe lists, each under the bean name routes/stripe.yaml gives as {@code list}, with its path
     * under /v1. They differ in nothing else, so they are bound from this table rather than a method each;
     * stripeEvents is read by a sync after a complete one only: the changes to older objects.
     */
    static final Map<String, String> STRIPE_LISTS = Map.of(
            "stripeCharges", "charges",
            "stripeRefunds", "refunds",
            "stripeBalanceTransactions", "balance_transactions",
            "stripePayouts", "payouts",
            "stripeDisputes", "disputes",
            "stripeEvents", "events");

    /** Binds the Stripe lists; then every entity has its list, and no list is an entity the lakes do not know. */
    @Override
    public void configure(CamelContext context) {
        int pageSize = Integer.parseInt(context.resolvePropertyPlaceholders("{{stripe.page-size}}"));
        Archive archive = context.getRegistry().lookupByNameAndType("archive", Archive.class);
        STRIPE_LISTS.forEach((bean, list) -> context.getRegistry().bind(bean, stripeList(list, archive, pageSize)));
        List<String> entities = context.getRegistry().findByType(EntityList.class).stream().map(l -> l.source() + "/" + l.entity()).sorted().toList();
        if (!entities.equals(Entities.ALL)) {
            throw new IllegalStateException("the lists bound " + entities + " are not the entities " + Entities.ALL);
        }
    }

    private static EntityList stripeList(String list, Archive archive, int pageSize) {
        return new EntityList("stripe", list, (run, sync, eventId) -> new StartingAfterCursor("/v1/" + list, stripeQuery(run, sync, list), pageSize),
                EntityList.Shape.AS_RETURNED, archive);
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

    /** A load reads the objects created in its time range; a sync from its watermarks (the events feed only then). */
    static String stripeQuery(LoadRun run, StripeSync sync, String list) {
        if ("events".equals(list)) {
            return sync.eventsQuery();
        }
        return sync == null ? createdQuery(run.range()) : sync.query(list);
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
}
