-- Every version of every payout of the runs a refresh reads, from its list and the events feed alike, typed, with the reason a version could not be
-- refresh: batch
SELECT
    p.id AS payout_id,
    dollars(cents(p.amount)) AS amount, upper(p.currency) AS currency,
    p.status, p.method, unix_time(p.created) AS created_at, unix_time(p.arrival_date) AS arrival_at,
    p.run_id, p.version_at, p.source_file,
    CASE WHEN p.id IS NULL THEN 'no id' not_cents(p, amount) not_unix_time(p, created) not_unix_time(p, arrival_date) END AS quarantine_reason
FROM (
    SELECT l.id, l.amount, l.currency, l.status, l.method, l.created, l.arrival_date, archived_version(l)
    FROM raw_stripe_payouts l
    WHERE of_refresh_runs(l)
    UNION ALL
    SELECT event_object(e, id), event_object(e, amount), event_object(e, currency), event_object(e, status), event_object(e, method),
        event_object(e, created), event_object(e, arrival_date), event_version(e)
    FROM raw_stripe_events e
    WHERE event_object(e, object) = 'payout' AND of_refresh_runs(e)
) p
