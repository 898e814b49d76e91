-- Every version of every dispute of the runs a refresh reads, from its list and the events feed alike, typed, with the reason a version could not be
-- refresh: batch
SELECT
    d.id AS dispute_id,
    d.charge AS charge_id,
    d.payment_intent AS payment_intent,
    dollars(d.amount_cents) AS amount,
    upper(d.currency) AS currency,
    d.status AS status,
    d.reason AS reason,
    d.created_at AS created_at,
    d.run_id AS run_id,
    d.version_at AS version_at,
    regexp_extract(d.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN d.id IS NULL THEN 'no id'
        WHEN d.amount IS NOT NULL AND d.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', d.amount)
        WHEN d.created IS NOT NULL AND d.created_at IS NULL THEN concat('created is not a Unix time: ', d.created)
    END AS quarantine_reason
FROM (
    SELECT
        x.*,
        TRY_CAST(x.amount AS BIGINT) AS amount_cents,
        CAST(TRY(from_unixtime(TRY_CAST(x.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at
    FROM (
        SELECT l.id, l.charge, l.payment_intent, l.amount, l.currency, l.status, l.reason, l.created, l.run_id, l."$path" AS source_path, TRY_CAST(l.tw_fetched_at AS BIGINT) AS version_at
        FROM raw_stripe_disputes l
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
            json_extract_scalar(e.data, '$.object.created'),
            e.run_id, e."$path", (TRY_CAST(e.created AS BIGINT) + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE json_extract_scalar(e.data, '$.object.object') = 'dispute' AND e.run_id IN (SELECT run_id FROM refresh_runs)
    ) x
) d
