-- One row per ticket of the latest version of its order; fees kept as JSON text for the fee model
SELECT
    CAST(t.ticket.id AS VARCHAR) AS ticket_id,
    o.order_id AS order_id,
    o.event_id AS event_id,
    CAST(t.ticket.ticket_type_id AS VARCHAR) AS ticket_type_id,
    CAST(t.ticket.ticket_type_price_id AS VARCHAR) AS ticket_type_price_id,
    COALESCE(t.ticket."TicketType".name, t.ticket.ticket_type_name) AS ticket_type_name,
    CAST(t.ticket.price AS DECIMAL(12, 2)) AS face_value,
    t.ticket.name AS holder_name,
    CAST(t.ticket.redeemed AS BOOLEAN) AS redeemed,
    t.ticket.promo_code AS promo_code,
    json_format(CAST(t.ticket."LineItemFees" AS JSON)) AS fees_json
FROM stg_ticketsauce_orders o
CROSS JOIN UNNEST(o.tickets) AS t (ticket)
