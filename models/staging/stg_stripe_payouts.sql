-- The newest version of each payout, from its list and the events feed alike (as stg_stripe_charges), complete runs only
SELECT
    p.id AS payout_id,
    CAST(p.amount * DECIMAL '0.01' AS DECIMAL(14, 2)) AS amount,
    upper(p.currency) AS currency,
    p.status AS status,
    p.method AS method,
    CAST(from_unixtime(p.created, 'UTC') AS TIMESTAMP) AS created_at,
    CAST(from_unixtime(p.arrival_date, 'UTC') AS TIMESTAMP) AS arrival_at
FROM (
    SELECT v.*, row_number() OVER (PARTITION BY v.id ORDER BY v.version_at DESC NULLS LAST, v.run_id DESC) AS version_rank
    FROM (
        SELECT x.id, x.amount, x.currency, x.status, x.method, x.created, x.arrival_date, x.run_id, x.tw_fetched_at AS version_at
        FROM raw_stripe_payouts x
        WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT e.data.object.id, e.data.object.amount, e.data.object.currency, e.data.object.status, e.data.object.method,
            e.data.object.created, e.data.object.arrival_date, e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'payout' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) p
WHERE p.version_rank = 1
