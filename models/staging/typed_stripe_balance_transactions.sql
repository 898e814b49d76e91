-- Every version of every balance transaction of the runs a refresh reads, typed, with the reason a version could not be
-- refresh: batch
SELECT
    b.id AS balance_transaction_id,
    b.type AS type,
    b.reporting_category AS reporting_category,
    b.source AS source_id,
    dollars(b.amount_cents) AS amount,
    dollars(b.fee_cents) AS fee,
    dollars(b.net_cents) AS net,
    upper(b.currency) AS currency,
    b.status AS status,
    b.created_at AS created_at,
    b.available_at AS available_on,
    b.run_id AS run_id,
    b.version_at AS version_at,
    regexp_extract(b.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN b.id IS NULL THEN 'no id'
        WHEN b.amount IS NOT NULL AND b.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', b.amount)
        WHEN b.fee IS NOT NULL AND b.fee_cents IS NULL THEN concat('fee is not a whole number of cents: ', b.fee)
        WHEN b.net IS NOT NULL AND b.net_cents IS NULL THEN concat('net is not a whole number of cents: ', b.net)
        WHEN b.created IS NOT NULL AND b.created_at IS NULL THEN concat('created is not a Unix time: ', b.created)
        WHEN b.available_on IS NOT NULL AND b.available_at IS NULL THEN concat('available_on is not a Unix time: ', b.available_on)
    END AS quarantine_reason
FROM (
    SELECT
        x.*,
        x."$path" AS source_path,
        TRY_CAST(x.tw_fetched_at AS BIGINT) AS version_at,
        TRY_CAST(x.amount AS BIGINT) AS amount_cents,
        TRY_CAST(x.fee AS BIGINT) AS fee_cents,
        TRY_CAST(x.net AS BIGINT) AS net_cents,
        CAST(TRY(from_unixtime(TRY_CAST(x.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at,
        CAST(TRY(from_unixtime(TRY_CAST(x.available_on AS BIGINT), 'UTC')) AS TIMESTAMP) AS available_at
    FROM raw_stripe_balance_transactions x
    WHERE x.run_id IN (SELECT run_id FROM refresh_runs)
) b
