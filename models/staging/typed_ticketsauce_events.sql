-- Every version of every event of the runs a refresh reads, typed, with the reason a version could not be
-- refresh: batch
SELECT
    r."Event".id AS event_id,
    r."Event".name AS event_name,
    TRY_CAST(r."Event"."start" AS TIMESTAMP) AS event_start,
    r."Event".organization_id AS organization_id,
    r."Event".organization_name AS venue_title,
    r."Event".location_name AS location_name,
    r."Event".city AS city,
    archived_version(r),
    CASE
        WHEN r."Event".id IS NULL THEN 'no Event.id'
        WHEN r."Event"."start" IS NOT NULL AND TRY_CAST(r."Event"."start" AS TIMESTAMP) IS NULL
            THEN concat('Event.start is not a date and time: ', r."Event"."start")
    END AS quarantine_reason
FROM raw_ticketsauce_events r
WHERE of_refresh_runs(r)
