-- The models are written in Athena's dialect (Trino). Where DuckDB names or behaves differently,
-- a macro here gives DuckDB the Athena function, so that one set of model files serves both.
-- json_parse takes JSON text; DuckDB's cast also takes a JSON, STRUCT or MAP value as it is
CREATE OR REPLACE TEMP MACRO json_parse(text) AS CAST(text AS JSON);
CREATE OR REPLACE TEMP MACRO json_format(json) AS CAST(json AS VARCHAR);
-- Athena's json_extract_scalar answers NULL for text that is not JSON; DuckDB's function fails on it
CREATE OR REPLACE TEMP MACRO json_extract_scalar(json, path) AS TRY(json_extract_string(json, path));
-- DuckDB's element_at answers a list; Athena's answers the value (of a map by key, of an array by position)
CREATE OR REPLACE TEMP MACRO element_at(map, key) AS map[key];
-- Athena's cardinality and sequence, for arrays (DuckDB's cardinality takes only maps)
CREATE OR REPLACE TEMP MACRO cardinality(list) AS len(list);
CREATE OR REPLACE TEMP MACRO sequence(start, stop) AS generate_series(start, stop);
-- Athena's from_unixtime answers a timestamp with time zone (which no Hive/Glue table can hold, so the
-- models cast it to TIMESTAMP); with a zone, that timestamp is in the zone whatever the session's
CREATE OR REPLACE TEMP MACRO from_unixtime(seconds) AS make_timestamp(CAST(seconds AS BIGINT) * 1000000),
    (seconds, zone) AS timezone(zone, to_timestamp(CAST(seconds AS BIGINT)));
-- Athena's xxhash64 and to_utf8, for fingerprints: DuckDB's own hash of the bytes (another number, compared only with its own)
CREATE OR REPLACE TEMP MACRO xxhash64(bytes) AS hash(bytes);
CREATE OR REPLACE TEMP MACRO to_utf8(text) AS encode(text);
