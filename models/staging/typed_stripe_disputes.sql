-- Every version of every dispute of the runs a refresh reads, from its list and the events feed alike, typed, with the reason a version could not be
-- refresh: batch
SELECT
    d.id AS dispute_id, d.charge AS charge_id, d.payment_intent,
    dollars(cents(d.amount)) AS amount, upper(d.currency) AS currency,
    d.status, d.reason, unix_time(d.created) AS created_at,
    d.run_id, d.version_at, d.source_file,
    CASE WHEN d.id IS NULL THEN 'no id' not_cents(d, amount) not_unix_time(d, created) END AS quarantine_reason
FROM (
    SELECT l.id, l.charge, l.payment_intent, l.amount, l.currency, l.status, l.reason, l.created, archived_version(l)
    FROM raw_stripe_disputes l
    WHERE of_refresh_runs(l)
    UNION ALL
    SELECT event_object(e, id), event_object(e, charge), event_object(e, payment_intent), event_object(e, amount), event_object(e, currency),
        event_object(e, status), event_object(e, reason), event_object(e, created), event_version(e)
    FROM raw_stripe_events e
    WHERE event_object(e, object) = 'dispute' AND of_refresh_runs(e)
) d
