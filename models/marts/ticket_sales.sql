-- The first users' report: one row per ticket with venue, event, fees and taxes, buyer and payment.
-- It is asked for one event at a time, so on Athena an event's rows go to one bucket of 32.
-- table properties: bucketed_by = ARRAY['event_id'], bucket_count = 32
-- refresh: by event_id
SELECT
    e.venue_title,
    e.event_name,
    e.event_start,
    t.ticket_type_name,
    t.face_value,
    t.ticketing_fee,
    t.surcharge,
    t.venue_fee AS service_charge,
    t.admin_fee_not_a_gratuity,
    t.gratuity,
    t.let_tax,
    t.sales_tax,
    t.other_fees,
    t.total_fees,
    t.total,
    t.holder_name,
    trim(concat(COALESCE(o.first_name, ''), ' ', COALESCE(o.last_name, ''))) AS buyer_name,
    o.email AS buyer_email,
    o.paid_at_utc,
    t.redeemed,
    t.promo_code,
    t.order_id,
    o.payment_intent,
    t.ticket_id,
    t.event_id
FROM tickets t
JOIN orders o ON o.order_id = t.order_id
LEFT JOIN events e ON e.event_id = t.event_id
