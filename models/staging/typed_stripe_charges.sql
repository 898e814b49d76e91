-- Every version of every charge of the runs a refresh reads, from its list and the events feed alike, typed; cents become dollars
-- here, once. A version's time (version_at) is when it was fetched, or an event's, the end of the second of
-- its change (so that on a tie the change wins). A value that is there but cannot be typed gives the version a quarantine_reason: staging leaves it out, quarantine lists it.
-- refresh: batch
SELECT
    c.id AS charge_id,
    dollars(c.amount_cents) AS amount,
    dollars(c.amount_refunded_cents) AS amount_refunded,
    upper(c.currency) AS currency,
    c.status AS status,
    c.refunded_flag AS refunded,
    c.disputed_flag AS disputed,
    c.failure_code AS failure_code,
    c.payment_intent AS payment_intent,
    c.balance_transaction AS balance_transaction_id,
    c.statement_descriptor AS statement_descriptor,
    c.description AS description,
    json_extract_scalar(c.metadata, '$.order_id') AS order_id,
    json_extract_scalar(c.metadata, '$.event_start') AS event_start,
    c.created_at AS created_at,
    c.run_id AS run_id,
    c.version_at AS version_at,
    regexp_extract(c.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN c.id IS NULL THEN 'no id'
        WHEN c.amount IS NOT NULL AND c.amount_cents IS NULL THEN concat('amount is not a whole number of cents: ', c.amount)
        WHEN c.amount_refunded IS NOT NULL AND c.amount_refunded_cents IS NULL
            THEN concat('amount_refunded is not a whole number of cents: ', c.amount_refunded)
        WHEN c.refunded IS NOT NULL AND c.refunded_flag IS NULL THEN concat('refunded is not true or false: ', c.refunded)
        WHEN c.disputed IS NOT NULL AND c.disputed_flag IS NULL THEN concat('disputed is not true or false: ', c.disputed)
        WHEN c.created IS NOT NULL AND c.created_at IS NULL THEN concat('created is not a Unix time: ', c.created)
    END AS quarantine_reason
FROM (
    SELECT
        r.*,
        TRY_CAST(r.amount AS BIGINT) AS amount_cents,
        TRY_CAST(r.amount_refunded AS BIGINT) AS amount_refunded_cents,
        TRY_CAST(r.refunded AS BOOLEAN) AS refunded_flag,
        TRY_CAST(r.disputed AS BOOLEAN) AS disputed_flag,
        CAST(TRY(from_unixtime(TRY_CAST(r.created AS BIGINT), 'UTC')) AS TIMESTAMP) AS created_at
    FROM (
        SELECT l.id, l.amount, l.amount_refunded, l.currency, l.status, l.refunded, l.disputed, l.failure_code, l.payment_intent, l.balance_transaction, l.statement_descriptor, l.description, l.metadata, l.created, l.run_id, l."$path" AS source_path, TRY_CAST(l.tw_fetched_at AS BIGINT) AS version_at
        FROM raw_stripe_charges l
        WHERE l.run_id IN (SELECT run_id FROM refresh_runs)
        UNION ALL
        SELECT
            json_extract_scalar(e.data, '$.object.id'),
            json_extract_scalar(e.data, '$.object.amount'),
            json_extract_scalar(e.data, '$.object.amount_refunded'),
            json_extract_scalar(e.data, '$.object.currency'),
            json_extract_scalar(e.data, '$.object.status'),
            json_extract_scalar(e.data, '$.object.refunded'),
            json_extract_scalar(e.data, '$.object.disputed'),
            json_extract_scalar(e.data, '$.object.failure_code'),
            json_extract_scalar(e.data, '$.object.payment_intent'),
            json_extract_scalar(e.data, '$.object.balance_transaction'),
            json_extract_scalar(e.data, '$.object.statement_descriptor'),
            json_extract_scalar(e.data, '$.object.description'),
            json_format(json_extract(e.data, '$.object.metadata')),
            json_extract_scalar(e.data, '$.object.created'),
            e.run_id, e."$path", (TRY_CAST(e.created AS BIGINT) + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE json_extract_scalar(e.data, '$.object.object') = 'charge' AND e.run_id IN (SELECT run_id FROM refresh_runs)
    ) r
) c
