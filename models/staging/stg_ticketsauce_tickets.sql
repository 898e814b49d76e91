-- One row per ticket of the latest version of its order; fees kept as JSON text for the fee model (its price and
-- fees were typed with the order: an order with one that could not be is quarantined with all its tickets).
-- The tickets are unnested by position: Athena's UNNEST of an array of rows gives a column per field of
-- the row, DuckDB's gives the row, so UNNEST(o.tickets) AS t (ticket) cannot be said for both.
-- refresh: by event_id
SELECT
    t.ticket.id AS ticket_id,
    t.order_id AS order_id,
    t.event_id AS event_id,
    t.ticket.ticket_type_id AS ticket_type_id,
    t.ticket.ticket_type_price_id AS ticket_type_price_id,
    COALESCE(json_extract_scalar(t.ticket."TicketType", '$.name'), t.ticket.ticket_type_name) AS ticket_type_name,
    CAST(t.ticket.price AS DECIMAL(12, 2)) AS face_value,
    t.ticket.name AS holder_name,
    TRY_CAST(t.ticket.redeemed AS BOOLEAN) AS redeemed,
    t.ticket.promo_code AS promo_code,
    t.ticket."LineItemFees" AS fees_json
FROM (
    SELECT o.order_id, o.event_id, element_at(o.tickets, i.position) AS ticket
    FROM (SELECT order_id, event_id, tickets FROM stg_ticketsauce_orders WHERE cardinality(tickets) > 0) o
    CROSS JOIN UNNEST(sequence(1, cardinality(o.tickets))) AS i (position)
) t
