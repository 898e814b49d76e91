-- One row per ticket with each fee and tax as a column (keys another venue uses land in other_fees).
-- A fee's sum is cast back to the fees' own type: as a sum's DECIMAL(38, 2) it is a 128-bit integer,
-- which DuckDB reads about 15 times slower than a 64-bit one (BENCHMARKS.md, issue 15).
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
        CAST(sum(CASE WHEN fee_key = 'ticketing_fee' THEN amount END) AS DECIMAL(12, 2)) AS ticketing_fee,
        CAST(sum(CASE WHEN fee_key = 'surcharge' THEN amount END) AS DECIMAL(12, 2)) AS surcharge,
        CAST(sum(CASE WHEN fee_key = 'venue_fee' THEN amount END) AS DECIMAL(12, 2)) AS venue_fee,
        CAST(sum(CASE WHEN fee_key = 'admin_fee_not_a_gratuity' THEN amount END) AS DECIMAL(12, 2)) AS admin_fee_not_a_gratuity,
        CAST(sum(CASE WHEN fee_key = 'gratuity' THEN amount END) AS DECIMAL(12, 2)) AS gratuity,
        CAST(sum(CASE WHEN fee_key = 'let_tax' THEN amount END) AS DECIMAL(12, 2)) AS let_tax,
        CAST(sum(CASE WHEN fee_key = 'sales_tax' THEN amount END) AS DECIMAL(12, 2)) AS sales_tax,
        CAST(sum(CASE WHEN fee_key NOT IN ('ticketing_fee', 'surcharge', 'venue_fee', 'admin_fee_not_a_gratuity', 'gratuity', 'let_tax', 'sales_tax')
            THEN amount END) AS DECIMAL(12, 2)) AS other_fees,
        CAST(sum(amount) AS DECIMAL(12, 2)) AS total_fees
    FROM stg_ticketsauce_ticket_fees
    GROUP BY ticket_id
) f ON f.ticket_id = t.ticket_id
