package com.ticketwarehouse.extract;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a load archives, as {@code source/entity}: one raw table and one crawler each. The routes,
 * both lakes and the CDK stacks all take the list from here.
 */
public final class Entities {
    public static final List<String> TICKETSAUCE = List.of("events", "orders", "checkins");
    /** Stripe's lists, read from the start or, on a sync, from their watermarks. */
    public static final List<String> STRIPE_LISTS = List.of("charges", "refunds", "balance_transactions", "payouts", "disputes");
    /** The lists and the events feed, which syncs read for the changes to older objects. */
    public static final List<String> STRIPE = Stream.concat(STRIPE_LISTS.stream(), Stream.of("events")).toList();
    public static final List<String> ALL = Stream.concat(TICKETSAUCE.stream().map(e -> "ticketsauce/" + e),
            STRIPE.stream().map(e -> "stripe/" + e)).sorted().toList();

    private Entities() {
    }
}
