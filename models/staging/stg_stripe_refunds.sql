-- The newest version of each refund, from its list and the events feed alike (as stg_stripe_charges), complete runs only
SELECT
    r.id AS refund_id,
    r.charge AS charge_id,
    r.payment_intent AS payment_intent,
    CAST(r.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(r.currency) AS currency,
    r.status AS status,
    r.reason AS reason,
    r.balance_transaction AS balance_transaction_id,
    CAST(from_unixtime(r.created, 'UTC') AS TIMESTAMP) AS created_at
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.id ORDER BY v.version_at DESC NULLS LAST, v.run_id DESC) AS version_rank
    FROM (
        SELECT CAST(x.id AS VARCHAR) AS id, CAST(x.charge AS VARCHAR) AS charge, CAST(x.payment_intent AS VARCHAR) AS payment_intent, x.amount, CAST(x.currency AS VARCHAR) AS currency, CAST(x.status AS VARCHAR) AS status, CAST(x.reason AS VARCHAR) AS reason, CAST(x.balance_transaction AS VARCHAR) AS balance_transaction, x.created,
            x.run_id, x.tw_fetched_at AS version_at
        FROM raw_stripe_refunds x
        WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT CAST(e.data.object.id AS VARCHAR), CAST(e.data.object.charge AS VARCHAR), CAST(e.data.object.payment_intent AS VARCHAR), e.data.object.amount, CAST(e.data.object.currency AS VARCHAR),
            CAST(e.data.object.status AS VARCHAR), CAST(e.data.object.reason AS VARCHAR), CAST(e.data.object.balance_transaction AS VARCHAR), e.data.object.created,
            e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'refund' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) r
WHERE r.version_rank = 1
