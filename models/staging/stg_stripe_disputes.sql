-- The latest version of each dispute, from complete runs only
SELECT
    d.id AS dispute_id,
    d.charge AS charge_id,
    d.payment_intent AS payment_intent,
    CAST(d.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(d.currency) AS currency,
    d.status AS status,
    d.reason AS reason,
    CAST(from_unixtime(d.created, 'UTC') AS TIMESTAMP) AS created_at
FROM (
    SELECT x.*, row_number() OVER (PARTITION BY x.id ORDER BY x.run_id DESC) AS version_rank
    FROM raw_stripe_disputes x
    WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) d
WHERE d.version_rank = 1
