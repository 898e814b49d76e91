-- Per event and ticket type: what sold, each fee and tax, and the LET rate observed for remittance
-- refresh: by event_id
SELECT
    e.venue_title,
    e.event_name,
    e.event_start,
    t.event_id,
    t.ticket_type_name,
    count(*) AS quantity,
    sum(t.face_value) AS face_value,
    sum(t.ticketing_fee) AS ticketing_fee,
    sum(t.surcharge) AS surcharge,
    sum(t.venue_fee) AS service_charge,
    sum(t.admin_fee_not_a_gratuity) AS admin_fee_not_a_gratuity,
    sum(t.gratuity) AS gratuity,
    sum(t.let_tax) AS let_tax,
    sum(t.sales_tax) AS sales_tax,
    sum(t.other_fees) AS other_fees,
    sum(t.total_fees) AS total_fees,
    sum(t.total) AS total,
    CASE WHEN sum(t.face_value) > 0
        THEN CAST(CAST(sum(t.let_tax) AS DOUBLE) / CAST(sum(t.face_value) AS DOUBLE) AS DECIMAL(7, 4)) END AS let_rate
FROM tickets t
LEFT JOIN events e ON e.event_id = t.event_id
GROUP BY e.venue_title, e.event_name, e.event_start, t.event_id, t.ticket_type_name
