-- Every version of every refund of the runs a refresh reads, from its list and the events feed alike, typed, with the reason a version could not be
-- refresh: batch
SELECT
    r.id AS refund_id,
    r.charge AS charge_id,
    r.payment_intent AS payment_intent,
    dollars(r.amount_cents) AS amount,
    upper(r.currency) AS currency,
    r.status AS status,
    r.reason AS reason,
    r.balance_transaction AS balance_transaction_id,
    r.created_at AS created_at,
    r.run_id AS run_id,
    r.version_at AS version_at,
    regexp_extract(r.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN r.id IS NULL THEN 'no id'
        WHEN r.amount IS NOT NULL AND r.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', r.amount)
        WHEN r.created IS NOT NULL AND r.created_at IS NULL THEN concat('created is not a Unix time: ', r.created)
    END AS quarantine_reason
FROM (
    SELECT
        x.*,
        TRY_CAST(x.amount AS BIGINT) AS amount_cents,
        CAST(TRY(from_unixtime(TRY_CAST(x.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at
    FROM (
        SELECT l.id, l.charge, l.payment_intent, l.amount, l.currency, l.status, l.reason, l.balance_transaction, l.created, l.run_id, l."$path" AS source_path, TRY_CAST(l.tw_fetched_at AS BIGINT) AS version_at
        FROM raw_stripe_refunds l
        WHERE l.run_id IN (SELECT run_id FROM refresh_runs)
        UNION ALL
        SELECT
            json_extract_scalar(e.data, '$.object.id'),
            json_extract_scalar(e.data, '$.object.charge'),
            json_extract_scalar(e.data, '$.object.payment_intent'),
            json_extract_scalar(e.data, '$.object.amount'),
            json_extract_scalar(e.data, '$.object.currency'),
            json_extract_scalar(e.data, '$.object.status'),
            json_extract_scalar(e.data, '$.object.reason'),
            json_extract_scalar(e.data, '$.object.balance_transaction'),
            json_extract_scalar(e.data, '$.object.created'),
            e.run_id, e."$path", (TRY_CAST(e.created AS BIGINT) + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE json_extract_scalar(e.data, '$.object.object') = 'refund' AND e.run_id IN (SELECT run_id FROM refresh_runs)
    ) x
) r
