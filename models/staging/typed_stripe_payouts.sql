-- Every version of every payout of the runs a refresh reads, from its list and the events feed alike, typed, with the reason a version could not be
-- refresh: batch
SELECT
    p.id AS payout_id,
    dollars(p.amount_cents) AS amount,
    upper(p.currency) AS currency,
    p.status AS status,
    p.method AS method,
    p.created_at AS created_at,
    p.arrival_at AS arrival_at,
    p.run_id AS run_id,
    p.version_at AS version_at,
    regexp_extract(p.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN p.id IS NULL THEN 'no id'
        WHEN p.amount IS NOT NULL AND p.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', p.amount)
        WHEN p.created IS NOT NULL AND p.created_at IS NULL THEN concat('created is not a Unix time: ', p.created)
        WHEN p.arrival_date IS NOT NULL AND p.arrival_at IS NULL THEN concat('arrival_date is not a Unix time: ', p.arrival_date)
    END AS quarantine_reason
FROM (
    SELECT
        x.*,
        TRY_CAST(x.amount AS BIGINT) AS amount_cents,
        CAST(TRY(from_unixtime(TRY_CAST(x.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at,
        CAST(TRY(from_unixtime(TRY_CAST(x.arrival_date AS BIGINT), 'UTC')) AS TIMESTAMP) AS arrival_at
    FROM (
        SELECT l.id, l.amount, l.currency, l.status, l.method, l.created, l.arrival_date, l.run_id, l."$path" AS source_path, TRY_CAST(l.tw_fetched_at AS BIGINT) AS version_at
        FROM raw_stripe_payouts l
        WHERE l.run_id IN (SELECT run_id FROM refresh_runs)
        UNION ALL
        SELECT
            json_extract_scalar(e.data, '$.object.id'),
            json_extract_scalar(e.data, '$.object.amount'),
            json_extract_scalar(e.data, '$.object.currency'),
            json_extract_scalar(e.data, '$.object.status'),
            json_extract_scalar(e.data, '$.object.method'),
            json_extract_scalar(e.data, '$.object.created'),
            json_extract_scalar(e.data, '$.object.arrival_date'),
            e.run_id, e."$path", (TRY_CAST(e.created AS BIGINT) + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE json_extract_scalar(e.data, '$.object.object') = 'payout' AND e.run_id IN (SELECT run_id FROM refresh_runs)
    ) x
) p
