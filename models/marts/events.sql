-- One row per event with what sold and who came. Only check-ins of tickets sold for the event count as
-- attendance; check-in ids the event's orders do not hold are counted apart, as unknown_checkins.
-- refresh: by event_id
SELECT
    e.event_id,
    e.event_name,
    e.event_start,
    e.venue_title,
    e.organization_id,
    e.location_name,
    e.city,
    COALESCE(s.orders, 0) AS orders,
    COALESCE(s.tickets_sold, 0) AS tickets_sold,
    COALESCE(c.checked_in, 0) AS tickets_checked_in,
    CASE WHEN s.tickets_sold > 0 THEN CAST(CAST(COALESCE(c.checked_in, 0) AS DOUBLE) / s.tickets_sold AS DECIMAL(7, 4)) END AS checkin_rate,
    COALESCE(c.unknown, 0) AS unknown_checkins
FROM stg_ticketsauce_events e
LEFT JOIN (
    SELECT o.event_id, count(DISTINCT o.order_id) AS orders, count(t.ticket_id) AS tickets_sold
    FROM stg_ticketsauce_orders o
    LEFT JOIN stg_ticketsauce_tickets t ON t.order_id = o.order_id
    GROUP BY o.event_id
) s ON s.event_id = e.event_id
LEFT JOIN (
    SELECT c.event_id, count(t.ticket_id) AS checked_in, count(*) - count(t.ticket_id) AS unknown
    FROM stg_ticketsauce_checkins c
    LEFT JOIN stg_ticketsauce_tickets t ON t.ticket_id = c.ticket_id AND t.event_id = c.event_id
    GROUP BY c.event_id
) c ON c.event_id = e.event_id
