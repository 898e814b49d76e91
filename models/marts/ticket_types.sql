-- One row per ticket type of an event: its price tiers and what it sold
-- refresh: by event_id
SELECT
    event_id,
    ticket_type_id,
    max(ticket_type_name) AS ticket_type_name,
    count(DISTINCT ticket_type_price_id) AS price_tiers,
    min(face_value) AS lowest_face_value,
    max(face_value) AS highest_face_value,
    count(*) AS tickets_sold
FROM stg_ticketsauce_tickets
GROUP BY event_id, ticket_type_id
