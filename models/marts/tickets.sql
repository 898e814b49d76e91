-- One row per ticket with each fee and tax as a column (keys another venue uses land in other_fees)
-- refresh: by event_id
SELECT
    t.ticket_id,
    t.order_id,
    t.event_id,
    t.ticket_type_id,
    t.ticket_type_price_id,
    t.ticket_type_name,
    t.holder_name,
    t.redeemed,
    t.promo_code,
    t.face_value,
    COALESCE(f.ticketing_fee, 0) AS ticketing_fee,
    COALESCE(f.surcharge, 0) AS surcharge,
    COALESCE(f.venue_fee, 0) AS venue_fee,
    COALESCE(f.admin_fee_not_a_gratuity, 0) AS admin_fee_not_a_gratuity,
    COALESCE(f.gratuity, 0) AS gratuity,
    COALESCE(f.let_tax, 0) AS let_tax,
    COALESCE(f.sales_tax, 0) AS sales_tax,
    COALESCE(f.other_fees, 0) AS other_fees,
    COALESCE(f.total_fees, 0) AS total_fees,
    t.face_value + COALESCE(f.total_fees, 0) AS total
FROM stg_ticketsauce_tickets t
LEFT JOIN (
    SELECT
        ticket_id,
        sum(CASE WHEN fee_key = 'ticketing_fee' THEN amount END) AS ticketing_fee,
        sum(CASE WHEN fee_key = 'surcharge' THEN amount END) AS surcharge,
        sum(CASE WHEN fee_key = 'venue_fee' THEN amount END) AS venue_fee,
        sum(CASE WHEN fee_key = 'admin_fee_not_a_gratuity' THEN amount END) AS admin_fee_not_a_gratuity,
        sum(CASE WHEN fee_key = 'gratuity' THEN amount END) AS gratuity,
        sum(CASE WHEN fee_key = 'let_tax' THEN amount END) AS let_tax,
        sum(CASE WHEN fee_key = 'sales_tax' THEN amount END) AS sales_tax,
        sum(CASE WHEN fee_key NOT IN ('ticketing_fee', 'surcharge', 'venue_fee', 'admin_fee_not_a_gratuity', 'gratuity', 'let_tax', 'sales_tax')
            THEN amount END) AS other_fees,
        sum(amount) AS total_fees
    FROM stg_ticketsauce_ticket_fees
    GROUP BY ticket_id
) f ON f.ticket_id = t.ticket_id
