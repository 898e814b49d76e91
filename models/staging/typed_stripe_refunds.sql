-- Every version of every refund of the runs a refresh reads, from its list and the events feed alike, typed, with the reason a version could not be
-- refresh: batch
SELECT
    r.id AS refund_id, r.charge AS charge_id, r.payment_intent,
    dollars(cents(r.amount)) AS amount, upper(r.currency) AS currency,
    r.status, r.reason, r.balance_transaction AS balance_transaction_id, unix_time(r.created) AS created_at,
    r.run_id, r.version_at, r.source_file,
    CASE WHEN r.id IS NULL THEN 'no id' not_cents(r, amount) not_unix_time(r, created) END AS quarantine_reason
FROM (
    SELECT l.id, l.charge, l.payment_intent, l.amount, l.currency, l.status, l.reason, l.balance_transaction, l.created, archived_version(l)
    FROM raw_stripe_refunds l
    WHERE of_refresh_runs(l)
    UNION ALL
    SELECT event_object(e, id), event_object(e, charge), event_object(e, payment_intent), event_object(e, amount), event_object(e, currency),
        event_object(e, status), event_object(e, reason), event_object(e, balance_transaction), event_object(e, created), event_version(e)
    FROM raw_stripe_events e
    WHERE event_object(e, object) = 'refund' AND of_refresh_runs(e)
) r
