-- Each checked-in ticket once, from complete runs only
SELECT DISTINCT
    c.event_id,
    c.ticket_id
FROM raw_ticketsauce_checkins c
WHERE c.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete') AND c.ticket_id IS NOT NULL
