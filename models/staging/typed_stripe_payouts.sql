-- Every version of every payout from complete runs, typed, with the reason a version could not be
SELECT
    p.id AS payout_id,
    CAST(p.amount_cents * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(p.currency) AS currency,
    p.status AS status,
    p.method AS method,
    p.created_at AS created_at,
    p.arrival_at AS arrival_at,
    p.run_id AS run_id,
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
        x."$path" AS source_path,
        TRY_CAST(x.amount AS BIGINT) AS amount_cents,
        CAST(TRY(from_unixtime(TRY_CAST(x.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at,
        CAST(TRY(from_unixtime(TRY_CAST(x.arrival_date AS BIGINT), 'UTC')) AS TIMESTAMP) AS arrival_at
    FROM raw_stripe_payouts x
    WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) p
