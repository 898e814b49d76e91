-- Per day (UTC, by payment time) and venue: orders, tickets and money
SELECT
    CAST(o.paid_at_utc AS DATE) AS sale_date,
    e.venue_title,
    count(DISTINCT o.order_id) AS orders,
    count(t.ticket_id) AS tickets,
    sum(t.face_value) AS face_value,
    sum(t.total_fees) AS total_fees,
    sum(t.total) AS total
FROM orders o
JOIN tickets t ON t.order_id = o.order_id
LEFT JOIN events e ON e.event_id = o.event_id
GROUP BY CAST(o.paid_at_utc AS DATE), e.venue_title
