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
        SELECT CAST(r.id AS VARCHAR) AS id, r.amount, r.amount_refunded, CAST(r.currency AS VARCHAR) AS currency, CAST(r.status AS VARCHAR) AS status, r.refunded, r.disputed, CAST(r.failure_code AS VARCHAR) AS failure_code, CAST(r.payment_intent AS VARCHAR) AS payment_intent,
            CAST(r.balance_transaction AS VARCHAR) AS balance_transaction, CAST(r.statement_descriptor AS VARCHAR) AS statement_descriptor, CAST(r.description AS VARCHAR) AS description, json_format(CAST(r.metadata AS JSON)) AS metadata_json,
            r.created, r.run_id, r.tw_fetched_at AS version_at
        FROM raw_stripe_charges r
        WHERE r.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT CAST(e.data.object.id AS VARCHAR), e.data.object.amount, e.data.object.amount_refunded, CAST(e.data.object.currency AS VARCHAR), CAST(e.data.object.status AS VARCHAR),
            e.data.object.refunded, e.data.object.disputed, CAST(e.data.object.failure_code AS VARCHAR), CAST(e.data.object.payment_intent AS VARCHAR),
            CAST(e.data.object.balance_transaction AS VARCHAR), CAST(e.data.object.statement_descriptor AS VARCHAR), CAST(e.data.object.description AS VARCHAR),
            json_format(CAST(e.data.object.metadata AS JSON)), e.data.object.created, e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'charge' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) c
WHERE c.version_rank = 1
