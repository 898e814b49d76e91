-- Per day (UTC, by payment time) and venue: orders, tickets and money. Summed from ticket_sales, which holds
-- each ticket with its order's payment time and its event's venue already: one table read, no join.
SELECT
    CAST(paid_at_utc AS DATE) AS sale_date,
    venue_title,
    count(DISTINCT order_id) AS orders,
    count(ticket_id) AS tickets,
    sum(face_value) AS face_value,
    sum(total_fees) AS total_fees,
    sum(total) AS total
FROM ticket_sales
GROUP BY CAST(paid_at_utc AS DATE), venue_title
