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
        SELECT x.id, x.charge, x.payment_intent, x.amount, x.currency, x.status, x.reason, x.balance_transaction, x.created,
            x.run_id, x.tw_fetched_at AS version_at
        FROM raw_stripe_refunds x
        WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT e.data.object.id, e.data.object.charge, e.data.object.payment_intent, e.data.object.amount, e.data.object.currency,
            e.data.object.status, e.data.object.reason, e.data.object.balance_transaction, e.data.object.created,
            e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'refund' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) r
WHERE r.version_rank = 1
