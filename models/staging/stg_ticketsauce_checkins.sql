-- Each checked-in ticket once, from complete runs only
SELECT DISTINCT
    CAST(c.event_id AS VARCHAR) AS event_id,
    CAST(c.ticket_id AS VARCHAR) AS ticket_id
FROM raw_ticketsauce_checkins c
WHERE c.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
