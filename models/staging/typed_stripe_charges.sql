-- Every version of every charge from complete runs, typed; cents become dollars here, once. A value that is
-- there but cannot be typed gives the version a quarantine_reason: staging leaves it out, quarantine lists it.
SELECT
    c.id AS charge_id,
    CAST(c.amount_cents * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    CAST(c.amount_refunded_cents * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount_refunded,
    upper(c.currency) AS currency,
    c.status AS status,
    c.refunded_flag AS refunded,
    c.disputed_flag AS disputed,
    c.failure_code AS failure_code,
    c.payment_intent AS payment_intent,
    c.balance_transaction AS balance_transaction_id,
    c.statement_descriptor AS statement_descriptor,
    c.description AS description,
    json_extract_scalar(c.metadata, '$.order_id') AS order_id,
    json_extract_scalar(c.metadata, '$.event_start') AS event_start,
    c.created_at AS created_at,
    c.run_id AS run_id,
    regexp_extract(c.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN c.id IS NULL THEN 'no id'
        WHEN c.amount IS NOT NULL AND c.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', c.amount)
        WHEN c.amount_refunded IS NOT NULL AND c.amount_refunded_cents IS NULL
            THEN concat('amount_refunded is not a whole number of cents: ', c.amount_refunded)
        WHEN c.refunded IS NOT NULL AND c.refunded_flag IS NULL THEN concat('refunded is not true or false: ', c.refunded)
        WHEN c.disputed IS NOT NULL AND c.disputed_flag IS NULL THEN concat('disputed is not true or false: ', c.disputed)
        WHEN c.created IS NOT NULL AND c.created_at IS NULL THEN concat('created is not a Unix time: ', c.created)
    END AS quarantine_reason
FROM (
    SELECT
        r.*,
        r."$path" AS source_path,
        TRY_CAST(r.amount AS BIGINT) AS amount_cents,
        TRY_CAST(r.amount_refunded AS BIGINT) AS amount_refunded_cents,
        TRY_CAST(r.refunded AS BOOLEAN) AS refunded_flag,
        TRY_CAST(r.disputed AS BOOLEAN) AS disputed_flag,
        CAST(TRY(from_unixtime(TRY_CAST(r.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at
    FROM raw_stripe_charges r
    WHERE r.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) c
