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
        SELECT CAST(x.id AS VARCHAR) AS id, x.amount, CAST(x.currency AS VARCHAR) AS currency, CAST(x.status AS VARCHAR) AS status, CAST(x.method AS VARCHAR) AS method, x.created, x.arrival_date, x.run_id, x.tw_fetched_at AS version_at
        FROM raw_stripe_payouts x
        WHERE x.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
        UNION ALL
        SELECT CAST(e.data.object.id AS VARCHAR), e.data.object.amount, CAST(e.data.object.currency AS VARCHAR), CAST(e.data.object.status AS VARCHAR), CAST(e.data.object.method AS VARCHAR),
            e.data.object.created, e.data.object.arrival_date, e.run_id, (e.created + 1) * 1000 - 1
        FROM raw_stripe_events e
        WHERE e.data.object.object = 'payout' AND e.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
    ) v
) p
WHERE p.version_rank = 1
