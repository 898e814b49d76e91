-- One row per order with its buyer, totals and the Stripe payment intent that paid it; the promo code is
-- the one its tickets carry (the API documents promo codes on tickets, not on orders)
-- refresh: by order_id
SELECT
    order_columns(o),
    t.promo_code,
    COALESCE(t.tickets, 0) AS tickets,
    p.payment_intent
FROM stg_ticketsauce_orders o
LEFT JOIN (
    SELECT order_id, count(*) AS tickets, max(promo_code) AS promo_code FROM stg_ticketsauce_tickets GROUP BY order_id
) t ON t.order_id = o.order_id
LEFT JOIN (
    SELECT order_id, max(payment_intent) AS payment_intent
    FROM stg_stripe_charges
    WHERE status = 'succeeded' AND order_id IS NOT NULL
    GROUP BY order_id
) p ON p.order_id = o.order_id
