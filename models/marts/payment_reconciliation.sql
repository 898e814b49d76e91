-- Each order with its Stripe charge (by metadata.order_id), and each such charge without an order.
-- Failed charges and other sales channels are not payments of orders and stay out.
-- paid_at_utc and the venue place each row in time and place for the payments dashboard.
-- The sums are cast back to the charges' type: DuckDB reads a sum's DECIMAL(38, 2) far slower (see tickets.sql).
-- refresh: by order_id
SELECT
    COALESCE(o.order_id, c.order_id) AS order_id,
    o.event_id,
    e.venue_title,
    COALESCE(o.paid_at_utc, c.created_at) AS paid_at_utc,
    c.charge_id,
    COALESCE(c.charges, 0) AS charges,
    c.payment_intent,
    o.total_paid AS order_total,
    c.amount AS charge_amount,
    c.amount_refunded,
    COALESCE(c.amount, 0) - COALESCE(o.total_paid, 0) AS difference,
    reconciliation_status(o, c) AS status
FROM stg_ticketsauce_orders o
FULL OUTER JOIN (
    SELECT
        order_id,
        max(charge_id) AS charge_id,
        count(*) AS charges,
        max(payment_intent) AS payment_intent,
        min(created_at) AS created_at,
        CAST(sum(amount) AS DECIMAL(14, 2)) AS amount,
        CAST(sum(amount_refunded) AS DECIMAL(14, 2)) AS amount_refunded,
        max(CASE WHEN disputed THEN 1 ELSE 0 END) = 1 AS disputed
    FROM stg_stripe_charges
    WHERE status = 'succeeded' AND order_id IS NOT NULL
    GROUP BY order_id
) c ON c.order_id = o.order_id
LEFT JOIN stg_ticketsauce_events e ON e.event_id = o.event_id
