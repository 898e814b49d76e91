-- The latest version of each payout, from complete runs only
SELECT
    p.id AS payout_id,
    CAST(p.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(p.currency) AS currency,
    p.status AS status,
    p.method AS method,
    CAST(from_unixtime(p.created, 'UTC') AS TIMESTAMP) AS created_at,
    CAST(from_unixtime(p.arrival_date, 'UTC') AS TIMESTAMP) AS arrival_at
FROM (
    SELECT x.*, row_number() OVER (PARTITION BY x.id ORDER BY x.run_id DESC) AS version_rank
    FROM raw_stripe_payouts x
    WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) p
WHERE p.version_rank = 1
