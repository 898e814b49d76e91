-- Every Stripe charge; the sales channel tells ticket sales (charges that name an order) from the rest
-- refresh: view
SELECT
    charge_id,
    created_at,
    amount,
    amount_refunded,
    currency,
    status,
    refunded,
    disputed,
    failure_code,
    payment_intent,
    balance_transaction_id,
    order_id,
    event_start,
    statement_descriptor,
    description,
    CASE WHEN order_id IS NOT NULL THEN 'ticketsauce' ELSE 'other' END AS sales_channel
FROM stg_stripe_charges
