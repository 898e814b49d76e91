-- Every version of every dispute from complete runs, typed, with the reason a version could not be
SELECT
    d.id AS dispute_id,
    d.charge AS charge_id,
    d.payment_intent AS payment_intent,
    CAST(d.amount_cents * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(d.currency) AS currency,
    d.status AS status,
    d.reason AS reason,
    d.created_at AS created_at,
    d.run_id AS run_id,
    regexp_extract(d.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN d.id IS NULL THEN 'no id'
        WHEN d.amount IS NOT NULL AND d.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', d.amount)
        WHEN d.created IS NOT NULL AND d.created_at IS NULL THEN concat('created is not a Unix time: ', d.created)
    END AS quarantine_reason
FROM (
    SELECT
        x.*,
        x."$path" AS source_path,
        TRY_CAST(x.amount AS BIGINT) AS amount_cents,
        CAST(TRY(from_unixtime(TRY_CAST(x.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at
    FROM raw_stripe_disputes x
    WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) d
