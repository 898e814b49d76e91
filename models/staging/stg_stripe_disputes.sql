-- The newest version of each dispute, from its list and the events feed alike (as stg_stripe_charges), complete runs only
SELECT
    d.id AS dispute_id,
    d.charge AS charge_id,
    d.payment_intent AS payment_intent,
    CAST(d.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(d.currency) AS currency,
    d.status AS status,
    d.reason AS reason,
    CAST(from_unixtime(d.created, 'UTC') AS TIMESTAMP) AS created_at
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.id ORDER BY v.version_at DESC NULLS LAST, v.run_id DESC) AS version_rank
    FROM (
        SELECT x.id, x.charge, x.payment_intent, x.amount, x.currency, x.status, x.reason, x.created, x.run_id, x.tw_fetched_at AS version_at
        FROM raw_stripe_disputes x
        WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT e.data.object.id, e.data.object.charge, e.data.object.payment_intent, e.data.object.amount, e.data.object.currency,
            e.data.object.status, e.data.object.reason, e.data.object.created, e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'dispute' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) d
WHERE d.version_rank = 1
