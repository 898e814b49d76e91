package com.ticketwarehouse.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a complete, correct extraction of the simulated account (time range "all") must find. Computed
 * from the simulator's own generation decisions, not from its JSON. Money in dollars with two decimals.
 *
 * <p>{@code checkins}: check-ins of sold tickets; {@code unknownCheckins}: check-in ids no order holds.
 *
 * <p>{@code reconciliation}: per Ticketsauce order exactly one of disputed, refunded, amount_mismatch,
 * matched (it has a succeeded charge; first that applies), order_without_charge (paid, no succeeded
 * charge), comp (total 0.00, no charge); plus one charge_without_order per succeeded charge whose
 * metadata.order_id matches no order. Failed and other-channel charges are not reconciled.
 */
public record GroundTruth(
        long events,
        long orders,
        long tickets,
        long compTickets,
        long checkins,
        long unknownCheckins,
        long ordersWithoutTickets,
        BigDecimal faceValue,
        Map<String, BigDecimal> feesByKey,
        BigDecimal totalFees,
        BigDecimal totalPaid,
        long charges,
        long succeededTicketCharges,
        long otherChannelCharges,
        long failedCharges,
        BigDecimal chargedAmount,
        long refunds,
        BigDecimal refundedAmount,
        long disputes,
        BigDecimal disputedAmount,
        long balanceTransactions,
        BigDecimal stripeFees,
        long payouts,
        BigDecimal payoutAmount,
        Map<String, Long> reconciliation) {

    public static final List<String> RECONCILIATION_STATUSES = List.of(
            "matched", "amount_mismatch", "refunded", "disputed", "order_without_charge", "comp",
            "charge_without_order");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The same numbers as a map, in declaration order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", events);
        m.put("orders", orders);
        m.put("tickets", tickets);
        m.put("compTickets", compTickets);
        m.put("checkins", checkins);
        m.put("unknownCheckins", unknownCheckins);
        m.put("ordersWithoutTickets", ordersWithoutTickets);
        m.put("faceValue", faceValue);
        m.put("feesByKey", feesByKey);
        m.put("totalFees", totalFees);
        m.put("totalPaid", totalPaid);
        m.put("charges", charges);
        m.put("succeededTicketCharges", succeededTicketCharges);
        m.put("otherChannelCharges", otherChannelCharges);
        m.put("failedCharges", failedCharges);
        m.put("chargedAmount", chargedAmount);
        m.put("refunds", refunds);
        m.put("refundedAmount", refundedAmount);
        m.put("disputes", disputes);
        m.put("disputedAmount", disputedAmount);
        m.put("balanceTransactions", balanceTransactions);
        m.put("stripeFees", stripeFees);
        m.put("payouts", payouts);
        m.put("payoutAmount", payoutAmount);
        m.put("reconciliation", reconciliation);
        return m;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
