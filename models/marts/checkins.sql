-- One row per checked-in ticket, with its order and ticket type where the ticket is known
SELECT
    c.event_id,
    c.ticket_id,
    t.order_id,
    t.ticket_type_name
FROM stg_ticketsauce_checkins c
LEFT JOIN stg_ticketsauce_tickets t ON t.ticket_id = c.ticket_id
