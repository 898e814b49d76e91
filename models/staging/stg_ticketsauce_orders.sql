-- The version of each order fetched last (list pages and order details alike), from complete runs only
SELECT
    CAST(o."Order".id AS VARCHAR) AS order_id,
    CAST(o."Order".event_id AS VARCHAR) AS event_id,
    o."Order".first_name AS first_name,
    o."Order".last_name AS last_name,
    o."Order".email AS email,
    CAST(o."Order".total_paid AS DECIMAL(12, 2)) AS total_paid,
    CAST(o."Order".paid_date_utc AS TIMESTAMP) AS paid_at_utc,
    o."Order".promo_code AS promo_code,
    o."Ticket" AS tickets,
    o.run_id AS run_id
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY r."Order".id ORDER BY r.tw_fetched_at DESC NULLS LAST, r.run_id DESC) AS version_rank
    FROM raw_ticketsauce_orders r
    WHERE r.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) o
WHERE o.version_rank = 1
