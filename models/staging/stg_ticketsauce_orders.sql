-- The version of each order fetched last that could be typed (list pages and order details alike)
-- refresh: merge on order_id
SELECT
    order_columns(o),
    o.tickets,
    fingerprint(o.tickets) AS tickets_fingerprint,
    o.run_id,
    o.version_at
FROM newest_version(typed_ticketsauce_orders, order_id) o
