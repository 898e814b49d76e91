-- The version of each order fetched last that could be typed (list pages and order details alike), from complete runs only
SELECT
    o.order_id,
    o.event_id,
    o.first_name,
    o.last_name,
    o.email,
    o.total_paid,
    o.paid_at_utc,
    o.tickets,
    o.run_id
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.order_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_ticketsauce_orders t
    WHERE t.quarantine_reason IS NULL
) o
WHERE o.version_rank = 1
