-- The version of each payout fetched last that could be typed, from complete runs only
SELECT
    p.payout_id,
    p.amount,
    p.currency,
    p.status,
    p.method,
    p.created_at,
    p.arrival_at
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.payout_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_stripe_payouts t
    WHERE t.quarantine_reason IS NULL
) p
WHERE p.version_rank = 1
