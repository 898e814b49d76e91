-- Money that went back after a sale: each Stripe refund and dispute with the order and event of its
-- charge, so that an event's settlement counts its own (a charge without an order has no event).
-- refresh: by charge_id
SELECT
    a.kind,
    a.adjustment_id,
    a.charge_id,
    c.order_id,
    o.event_id,
    e.venue_title,
    a.amount,
    a.status,
    a.reason,
    a.created_at
FROM (
    SELECT 'refund' AS kind, refund_id AS adjustment_id, charge_id, amount, status, reason, created_at FROM stg_stripe_refunds
    UNION ALL
    SELECT 'dispute' AS kind, dispute_id AS adjustment_id, charge_id, amount, status, reason, created_at FROM stg_stripe_disputes
) a
LEFT JOIN stg_stripe_charges c ON c.charge_id = a.charge_id
LEFT JOIN stg_ticketsauce_orders o ON o.order_id = c.order_id
LEFT JOIN stg_ticketsauce_events e ON e.event_id = o.event_id
