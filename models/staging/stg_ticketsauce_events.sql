-- The version of each event fetched last that could be typed, from complete runs only
SELECT
    e.event_id,
    e.event_name,
    e.event_start,
    e.organization_id,
    e.venue_title,
    e.location_name,
    e.city,
    e.run_id
FROM (
    SELECT t.*, row_number() OVER (PARTITION BY t.event_id ORDER BY t.version_at DESC NULLS LAST, t.run_id DESC) AS version_rank
    FROM typed_ticketsauce_events t
    WHERE t.quarantine_reason IS NULL
) e
WHERE e.version_rank = 1
