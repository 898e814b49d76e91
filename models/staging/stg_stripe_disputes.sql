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
        SELECT CAST(x.id AS VARCHAR) AS id, CAST(x.charge AS VARCHAR) AS charge, CAST(x.payment_intent AS VARCHAR) AS payment_intent, x.amount, CAST(x.currency AS VARCHAR) AS currency, CAST(x.status AS VARCHAR) AS status, CAST(x.reason AS VARCHAR) AS reason, x.created, x.run_id, x.tw_fetched_at AS version_at
        FROM raw_stripe_disputes x
        WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT CAST(e.data.object.id AS VARCHAR), CAST(e.data.object.charge AS VARCHAR), CAST(e.data.object.payment_intent AS VARCHAR), e.data.object.amount, CAST(e.data.object.currency AS VARCHAR),
            CAST(e.data.object.status AS VARCHAR), CAST(e.data.object.reason AS VARCHAR), e.data.object.created, e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'dispute' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) d
WHERE d.version_rank = 1
