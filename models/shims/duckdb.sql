-- The models are written in Athena's dialect (Trino). Where DuckDB names or behaves differently,
-- a macro here gives DuckDB the Athena function, so that one set of model files serves both.
CREATE OR REPLACE TEMP MACRO json_parse(text) AS CAST(text AS JSON);
CREATE OR REPLACE TEMP MACRO json_format(json) AS CAST(json AS VARCHAR);
CREATE OR REPLACE TEMP MACRO json_extract_scalar(json, path) AS json_extract_string(json, path);
-- DuckDB's element_at answers a list; Athena's answers the value
CREATE OR REPLACE TEMP MACRO element_at(map, key) AS map[key];
CREATE OR REPLACE TEMP MACRO from_unixtime(seconds) AS make_timestamp(CAST(seconds AS BIGINT) * 1000000);
