package com.ticketwarehouse.simulator;

import java.util.Locale;

/** How big a simulated account is: number of events and the average number of orders per event. */
public record Scale(int events, int ordersPerEvent) {

    public Scale {
        if (events < 0 || ordersPerEvent < 0) {
            throw new IllegalArgumentException("scale must not be negative: " + events + "x" + ordersPerEvent);
        }
        if ((long) events * ordersPerEvent * 2 > 8_000_000L) {
            throw new IllegalArgumentException("scale too large for the simulator: " + events + "x" + ordersPerEvent);
        }
    }

    public static final Scale SMALL = new Scale(12, 25);
    public static final Scale MEDIUM = new Scale(200, 100);
    public static final Scale BENCHMARK = new Scale(2000, 100);

    /** "small", "medium", "benchmark", or "EVENTSxORDERS" such as "40x30". */
    public static Scale named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("scale name is null");
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "small": return SMALL;
            case "medium": return MEDIUM;
            case "benchmark": return BENCHMARK;
            default:
                int x = n.indexOf('x');
                if (x > 0 && x < n.length() - 1) {
                    try {
                        return new Scale(Integer.parseInt(n.substring(0, x)), Integer.parseInt(n.substring(x + 1)));
                    } catch (NumberFormatException ignored) {
                        // fall through
                    }
                }
                throw new IllegalArgumentException(
                        "unknown scale '" + name + "': use small, medium, benchmark or EVENTSxORDERS such as 40x30");
        }
    }

    @Override
    public String toString() {
        return events + "x" + ordersPerEvent;
    }
}
