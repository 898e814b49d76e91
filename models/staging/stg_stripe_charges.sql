-- The version of each charge fetched last that could be typed, from complete runs only
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
    c.run_id
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.charge_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_stripe_charges t
    WHERE t.quarantine_reason IS NULL
) c
WHERE c.version_rank = 1
