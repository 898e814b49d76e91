-- Every version of every event of the runs a refresh reads, typed, with the reason a version could not be
-- refresh: batch
SELECT
    e.event_id,
    e.event_name,
    e.event_start,
    e.organization_id,
    e.venue_title,
    e.location_name,
    e.city,
    e.run_id,
    e.version_at,
    regexp_extract(e.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN e.event_id IS NULL THEN 'no Event.id'
        WHEN e.start_text IS NOT NULL AND e.event_start IS NULL THEN concat('Event.start is not a date and time: ', e.start_text)
    END AS quarantine_reason
FROM (
    SELECT
        r."Event".id AS event_id,
        r."Event".name AS event_name,
        r."Event"."start" AS start_text,
        TRY_CAST(r."Event"."start" AS TIMESTAMP) AS event_start,
        r."Event".organization_id AS organization_id,
        r."Event".organization_name AS venue_title,
        r."Event".location_name AS location_name,
        r."Event".city AS city,
        r.run_id AS run_id,
        r."$path" AS source_path,
        TRY_CAST(r.tw_fetched_at AS BIGINT) AS version_at
    FROM raw_ticketsauce_events r
    WHERE r.run_id IN (SELECT run_id FROM refresh_runs)
) e
