-- One row per fee of a ticket, the display name normalized to snake case ("LET Tax" -> let_tax).
-- Fee keys vary by venue and over time, and an empty fee set comes as [] (or nothing) instead of an object.
-- refresh: by event_id
SELECT
    f.ticket_id AS ticket_id,
    f.event_id AS event_id,
    k.fee_name AS fee_name,
    lower(replace(replace(replace(trim(k.fee_name), ' (', ' '), ')', ''), ' ', '_')) AS fee_key,
    CAST(element_at(f.fees, k.fee_name) AS DECIMAL(12, 2)) AS amount
FROM (
    SELECT ticket_id, event_id, TRY_CAST(TRY(json_parse(fees_json)) AS MAP(VARCHAR, VARCHAR)) AS fees
    FROM stg_ticketsauce_tickets
) f
CROSS JOIN UNNEST(map_keys(f.fees)) AS k (fee_name)
WHERE element_at(f.fees, k.fee_name) IS NOT NULL AND element_at(f.fees, k.fee_name) <> ''
