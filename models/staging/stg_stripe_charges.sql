-- The latest version of each charge, from complete runs only; cents become dollars here, once
SELECT
    c.id AS charge_id,
    CAST(c.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    CAST(c.amount_refunded * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount_refunded,
    upper(c.currency) AS currency,
    c.status AS status,
    CAST(c.refunded AS BOOLEAN) AS refunded,
    CAST(c.disputed AS BOOLEAN) AS disputed,
    c.failure_code AS failure_code,
    c.payment_intent AS payment_intent,
    c.balance_transaction AS balance_transaction_id,
    c.statement_descriptor AS statement_descriptor,
    c.description AS description,
    json_extract_scalar(json_format(CAST(c.metadata AS JSON)), '$.order_id') AS order_id,
    json_extract_scalar(json_format(CAST(c.metadata AS JSON)), '$.event_start') AS event_start,
    CAST(from_unixtime(c.created, 'UTC') AS TIMESTAMP) AS created_at,
    c.run_id AS run_id
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY r.id ORDER BY r.run_id DESC) AS version_rank
    FROM raw_stripe_charges r
    WHERE r.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) c
WHERE c.version_rank = 1
