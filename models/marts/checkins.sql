-- One row per checked-in ticket; sold says whether it is a ticket sold for the event (else an unknown
-- check-in: a ticket id that none of the event's orders holds), with its order and ticket type where it is
-- refresh: by event_id
SELECT
    c.event_id,
    c.ticket_id,
    t.ticket_id IS NOT NULL AS sold,
    t.order_id,
    t.ticket_type_name
FROM stg_ticketsauce_checkins c
LEFT JOIN stg_ticketsauce_tickets t ON t.ticket_id = c.ticket_id AND t.event_id = c.event_id
