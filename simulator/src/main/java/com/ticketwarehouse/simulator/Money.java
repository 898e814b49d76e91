package com.ticketwarehouse.simulator;

import java.math.BigDecimal;

/** Cents as decimal strings and BigDecimals; no floating point anywhere near money. */
final class Money {
    private Money() {
    }

    /** 11250 -> "112.50", -5 -> "-0.05". */
    static String dec(long cents) {
        boolean neg = cents < 0;
        long a = Math.abs(cents);
        long units = a / 100;
        int frac = (int) (a % 100);
        StringBuilder sb = new StringBuilder(12);
        if (neg) {
            sb.append('-');
        }
        sb.append(units).append('.');
        if (frac < 10) {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }

    static BigDecimal big(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** round half up of cents * basisPoints / 10000, for non-negative cents. */
    static long percent(long cents, int basisPoints) {
        return (cents * basisPoints + 5000) / 10000;
    }
}
