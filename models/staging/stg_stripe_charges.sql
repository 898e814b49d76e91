-- The newest version of each charge, from its list and the events feed alike, complete runs only. A
-- listed version is as of when it was fetched; an event's as of the end of the second of its change,
-- so that on a tie the change wins. Cents become dollars here, once.
SELECT
    c.id AS charge_id,
    CAST(c.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    CAST(c.amount_refunded * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount_refunded,
    upper(c.currency) AS currency,
    c.status AS status,
    CAST(c.refunded AS BOOLEAN) AS refunded,
    CAST(c.disputed AS BOOLEAN) AS disputed,
    c.failure_code AS failure_code,
    c.payment_intent AS payment_intent,
    c.balance_transaction AS balance_transaction_id,
    c.statement_descriptor AS statement_descriptor,
    c.description AS description,
    json_extract_scalar(c.metadata_json, '$.order_id') AS order_id,
    json_extract_scalar(c.metadata_json, '$.event_start') AS event_start,
    CAST(from_unixtime(c.created, 'UTC') AS TIMESTAMP) AS created_at,
    c.run_id AS run_id
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.id ORDER BY v.version_at DESC NULLS LAST, v.run_id DESC) AS version_rank
    FROM (
        SELECT r.id, r.amount, r.amount_refunded, r.currency, r.status, r.refunded, r.disputed, r.failure_code, r.payment_intent,
            r.balance_transaction, r.statement_descriptor, r.description, json_format(CAST(r.metadata AS JSON)) AS metadata_json,
            r.created, r.run_id, r.tw_fetched_at AS version_at
        FROM raw_stripe_charges r
        WHERE r.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT e.data.object.id, e.data.object.amount, e.data.object.amount_refunded, e.data.object.currency, e.data.object.status,
            e.data.object.refunded, e.data.object.disputed, e.data.object.failure_code, e.data.object.payment_intent,
            e.data.object.balance_transaction, e.data.object.statement_descriptor, e.data.object.description,
            json_format(CAST(e.data.object.metadata AS JSON)), e.data.object.created, e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'charge' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) c
WHERE c.version_rank = 1
