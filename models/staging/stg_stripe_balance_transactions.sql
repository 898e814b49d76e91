-- The version of each balance transaction fetched last, from complete runs only (Stripe sends no events for them)
SELECT
    b.id AS balance_transaction_id,
    b.type AS type,
    b.reporting_category AS reporting_category,
    b.source AS source_id,
    CAST(b.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    CAST(b.fee * DECIMAL '0.01' AS DECIMAL(14, 2)) AS fee,
    CAST(b.net * DECIMAL '0.01' AS DECIMAL(14, 2)) AS net,
    upper(b.currency) AS currency,
    b.status AS status,
    CAST(from_unixtime(b.created, 'UTC') AS TIMESTAMP) AS created_at,
    CAST(from_unixtime(b.available_on, 'UTC') AS TIMESTAMP) AS available_on
FROM (
    SELECT x.*, row_number() OVER (PARTITION BY x.id ORDER BY x.tw_fetched_at DESC NULLS LAST, x.run_id DESC) AS version_rank
    FROM raw_stripe_balance_transactions x
    WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) b
WHERE b.version_rank = 1
