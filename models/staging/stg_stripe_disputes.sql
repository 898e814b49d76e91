-- The version of each dispute fetched last that could be typed, from complete runs only
SELECT
    d.dispute_id,
    d.charge_id,
    d.payment_intent,
    d.amount,
    d.currency,
    d.status,
    d.reason,
    d.created_at
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.dispute_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_stripe_disputes t
    WHERE t.quarantine_reason IS NULL
) d
WHERE d.version_rank = 1
