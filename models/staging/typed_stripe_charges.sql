-- Every version of every charge of the runs a refresh reads, from its list and the events feed alike, typed; cents become dollars
-- here, once. A version's time (version_at) is when it was fetched, or an event's, the end of the second of
-- its change (so that on a tie the change wins). A value that is there but cannot be typed gives the version a quarantine_reason: staging leaves it out, quarantine lists it.
-- refresh: batch
SELECT
    c.id AS charge_id,
    dollars(cents(c.amount)) AS amount, dollars(cents(c.amount_refunded)) AS amount_refunded, upper(c.currency) AS currency,
    c.status, TRY_CAST(c.refunded AS BOOLEAN) AS refunded, TRY_CAST(c.disputed AS BOOLEAN) AS disputed, c.failure_code,
    c.payment_intent, c.balance_transaction AS balance_transaction_id, c.statement_descriptor, c.description,
    json_extract_scalar(c.metadata, '$.order_id') AS order_id, json_extract_scalar(c.metadata, '$.event_start') AS event_start,
    unix_time(c.created) AS created_at,
    c.run_id, c.version_at, c.source_file,
    CASE WHEN c.id IS NULL THEN 'no id'
        not_cents(c, amount) not_cents(c, amount_refunded) not_boolean(c, refunded) not_boolean(c, disputed) not_unix_time(c, created)
    END AS quarantine_reason
FROM (
    SELECT l.id, l.amount, l.amount_refunded, l.currency, l.status, l.refunded, l.disputed, l.failure_code, l.payment_intent,
        l.balance_transaction, l.statement_descriptor, l.description, l.metadata, l.created, archived_version(l)
    FROM raw_stripe_charges l
    WHERE of_refresh_runs(l)
    UNION ALL
    SELECT event_object(e, id), event_object(e, amount), event_object(e, amount_refunded), event_object(e, currency), event_object(e, status),
        event_object(e, refunded), event_object(e, disputed), event_object(e, failure_code), event_object(e, payment_intent),
        event_object(e, balance_transaction), event_object(e, statement_descriptor), event_object(e, description),
        json_format(json_extract(e.data, '$.object.metadata')), event_object(e, created), event_version(e)
    FROM raw_stripe_events e
    WHERE event_object(e, object) = 'charge' AND of_refresh_runs(e)
) c
