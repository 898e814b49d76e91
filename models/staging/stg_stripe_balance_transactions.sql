-- The version of each balance transaction fetched last that could be typed, from complete runs only
SELECT
    b.balance_transaction_id,
    b.type,
    b.reporting_category,
    b.source_id,
    b.amount,
    b.fee,
    b.net,
    b.currency,
    b.status,
    b.created_at,
    b.available_on
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.balance_transaction_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_stripe_balance_transactions t
    WHERE t.quarantine_reason IS NULL
) b
WHERE b.version_rank = 1
