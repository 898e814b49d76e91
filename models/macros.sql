-- Definitions the models share, written once and put in place wherever a model names them, before
-- either engine sees the text (so they hold in Athena's dialect and DuckDB's alike). A parameter is
-- replaced where its name stands as a word.

-- Cents (an integer count) as dollars, decimal
MACRO dollars(cents) AS CAST(cents * DECIMAL '0.01' AS DECIMAL(14, 2));

-- Whether one version of a record is newer than another: fetched later (a version with no time is
-- the oldest); fetched at the same time, from the later run. Staging keeps the newest version.
MACRO newer_version(newer, older) AS (COALESCE(newer.version_at, -1) > COALESCE(older.version_at, -1)
    OR (COALESCE(newer.version_at, -1) = COALESCE(older.version_at, -1) AND newer.run_id > older.run_id));

-- The newest version of each record among the versions that could be typed (the order of newer_version)
MACRO newest_version(versions, record_id) AS (
    SELECT ranked.* FROM (
        SELECT v.*, row_number() OVER (PARTITION BY v.record_id ORDER BY COALESCE(v.version_at, -1) DESC, v.run_id DESC) AS version_rank
        FROM versions v
        WHERE v.quarantine_reason IS NULL
    ) ranked
    WHERE ranked.version_rank = 1
);
