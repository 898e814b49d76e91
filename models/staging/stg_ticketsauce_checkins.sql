-- Each checked-in ticket once
-- refresh: merge on event_id, ticket_id
SELECT DISTINCT
    c.event_id,
    c.ticket_id
FROM raw_ticketsauce_checkins c
WHERE c.run_id IN (SELECT run_id FROM refresh_runs) AND c.ticket_id IS NOT NULL
