-- The latest version of each refund, from complete runs only
SELECT
    r.id AS refund_id,
    r.charge AS charge_id,
    r.payment_intent AS payment_intent,
    CAST(r.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(r.currency) AS currency,
    r.status AS status,
    r.reason AS reason,
    r.balance_transaction AS balance_transaction_id,
    CAST(from_unixtime(r.created, 'UTC') AS TIMESTAMP) AS created_at
FROM (
    SELECT x.*, row_number() OVER (PARTITION BY x.id ORDER BY x.run_id DESC) AS version_rank
    FROM raw_stripe_refunds x
    WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) r
WHERE r.version_rank = 1
