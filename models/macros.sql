-- Definitions the models share, written once and put in place wherever a model names them, before
-- either engine sees the text (so they hold in Athena's dialect and DuckDB's alike). A parameter is
-- replaced where its name stands as a word, in a string too ('field is ...' names the field); a
-- macro may call another.

-- Cents (an integer count) as dollars, decimal
MACRO dollars(whole_cents) AS CAST(whole_cents * DECIMAL '0.01' AS DECIMAL(14, 2));

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

-- Whether an archived record is of the runs a refresh reads
MACRO of_refresh_runs(archived) AS archived.run_id IN (SELECT run_id FROM refresh_runs);

-- What tells the versions of an archived record apart, and where each is: the run that archived it, when it was
-- fetched, and its file under raw/ (a compaction keeps the first run and its object in tw_source_run, tw_source_object)
MACRO archived_version(archived) AS coalesce(archived.tw_source_run, archived.run_id) AS run_id,
    TRY_CAST(archived.tw_fetched_at AS BIGINT) AS version_at,
    regexp_extract(coalesce(archived.tw_source_object, archived."$path"), 'raw/[^/]+/[^/]+/load_date=.*') AS source_file;

-- The same for the Stripe object an event of the events feed carries: its time is the end of the second of its change
-- (so that on a tie with a version fetched then, the change wins)
MACRO event_version(event) AS coalesce(event.tw_source_run, event.run_id),
    (TRY_CAST(event.created AS BIGINT) + 1) * 1000 - 1,
    regexp_extract(coalesce(event.tw_source_object, event."$path"), 'raw/[^/]+/[^/]+/load_date=.*');

-- A field of the Stripe object an event carries (its data.object), as text
MACRO event_object(event, field) AS json_extract_scalar(event.data, '$.object.field');

-- A text of a whole number of cents as the number; NULL when it is not one
MACRO cents(text) AS TRY_CAST(text AS BIGINT);

-- A text of seconds since 1970 (a Unix time, as Stripe gives times) as a timestamp in UTC; NULL when it is not one
MACRO unix_time(text) AS CAST(TRY(from_unixtime(TRY_CAST(text AS BIGINT), 'UTC')) AS TIMESTAMP);

-- The reasons a version cannot be typed, each a WHEN of the CASE that gives its quarantine_reason: a field that
-- is there but is not a whole number of cents, a Unix time, or true or false
MACRO not_cents(record, field) AS WHEN record.field IS NOT NULL AND cents(record.field) IS NULL
    THEN concat('field is not a whole number of cents: ', record.field);
MACRO not_unix_time(record, field) AS WHEN record.field IS NOT NULL AND unix_time(record.field) IS NULL
    THEN concat('field is not a Unix time: ', record.field);
MACRO not_boolean(record, field) AS WHEN record.field IS NOT NULL AND TRY_CAST(record.field AS BOOLEAN) IS NULL
    THEN concat('field is not true or false: ', record.field);

-- The versions of one entity's records that could not be typed, named by the entity, as quarantined_versions keeps them
MACRO quarantined_versions_of(entity_name, typed, id_column) AS SELECT entity_name AS entity, q.id_column AS record_id, q.run_id, q.version_at,
    q.source_file, q.quarantine_reason AS reason FROM typed q WHERE q.quarantine_reason IS NOT NULL;

-- A fingerprint of a value (an order's tickets), kept beside it so that a refresh can tell whether a newer version
-- changed it without reading it (Refresh compares <column>_fingerprint in place of <column>)
MACRO fingerprint(value) AS xxhash64(to_utf8(json_format(CAST(value AS JSON))));

-- An order's own columns, as staging keeps them and the orders mart shows them
MACRO order_columns(o) AS o.order_id, o.event_id, o.first_name, o.last_name, o.email, o.total_paid, o.paid_at_utc;

-- What the reconciliation of an order (o) with the sums of its succeeded charges (c, by metadata.order_id) found;
-- an order that is not there is a charge without an order, a charge that is not there an order without one
MACRO reconciliation_status(o, c) AS CASE
        WHEN o.order_id IS NULL THEN 'charge_without_order'
        WHEN c.order_id IS NULL AND o.total_paid = 0 THEN 'comp'
        WHEN c.order_id IS NULL THEN 'order_without_charge'
        WHEN c.disputed THEN 'disputed'
        WHEN c.amount_refunded > 0 THEN 'refunded'
        WHEN c.amount <> o.total_paid THEN 'amount_mismatch'
        ELSE 'matched'
    END;
