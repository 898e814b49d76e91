-- The version of each order fetched last that could be typed (list pages and order details alike)
-- refresh: merge on order_id
SELECT
    o.order_id,
    o.event_id,
    o.first_name,
    o.last_name,
    o.email,
    o.total_paid,
    o.paid_at_utc,
    o.tickets,
    o.run_id,
    o.version_at
FROM newest_version(typed_ticketsauce_orders, order_id) o
