-- The version of each refund fetched last that could be typed, from complete runs only
SELECT
    r.refund_id,
    r.charge_id,
    r.payment_intent,
    r.amount,
    r.currency,
    r.status,
    r.reason,
    r.balance_transaction_id,
    r.created_at
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.refund_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_stripe_refunds t
    WHERE t.quarantine_reason IS NULL
) r
WHERE r.version_rank = 1
