-- The version of each event fetched last that could be typed
-- refresh: merge on event_id
SELECT
    e.event_id,
    e.event_name,
    e.event_start,
    e.organization_id,
    e.venue_title,
    e.location_name,
    e.city,
    e.run_id,
    e.version_at
FROM newest_version(typed_ticketsauce_events, event_id) e
