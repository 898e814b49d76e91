-- The version of each charge fetched last that could be typed
-- refresh: merge on charge_id
SELECT
    c.charge_id,
    c.amount,
    c.amount_refunded,
    c.currency,
    c.status,
    c.refunded,
    c.disputed,
    c.failure_code,
    c.payment_intent,
    c.balance_transaction_id,
    c.statement_descriptor,
    c.description,
    c.order_id,
    c.event_start,
    c.created_at,
    c.run_id,
    c.version_at
FROM newest_version(typed_stripe_charges, charge_id) c
