-- The version of each event fetched last, from complete runs only
SELECT
    CAST(e."Event".id AS VARCHAR) AS event_id,
    e."Event".name AS event_name,
    CAST(e."Event"."start" AS TIMESTAMP) AS event_start,
    e."Event".organization_id AS organization_id,
    e."Event".organization_name AS venue_title,
    e."Event".location_name AS location_name,
    e."Event".city AS city,
    e.run_id AS run_id
FROM (
    SELECT r.*, row_number() OVER (PARTITION BY r."Event".id ORDER BY r.tw_fetched_at DESC NULLS LAST, r.run_id DESC) AS version_rank
    FROM raw_ticketsauce_events r
    WHERE r.run_id IN (SELECT run_id FROM load_runs WHERE status = 'complete')
) e
WHERE e.version_rank = 1
