-- Every version of every balance transaction of the runs a refresh reads, typed, with the reason a version could not be
-- refresh: batch
SELECT
    b.id AS balance_transaction_id, b.type, b.reporting_category, b.source AS source_id,
    dollars(cents(b.amount)) AS amount, dollars(cents(b.fee)) AS fee, dollars(cents(b.net)) AS net, upper(b.currency) AS currency,
    b.status, unix_time(b.created) AS created_at, unix_time(b.available_on) AS available_on,
    archived_version(b),
    CASE WHEN b.id IS NULL THEN 'no id'
        not_cents(b, amount) not_cents(b, fee) not_cents(b, net) not_unix_time(b, created) not_unix_time(b, available_on)
    END AS quarantine_reason
FROM raw_stripe_balance_transactions b
WHERE of_refresh_runs(b)
