-- Every version of every order (list pages and order details alike) of the runs a refresh reads, typed, with the
-- reason a version could not be. A ticket's price or fee that cannot be typed quarantines its whole order,
-- so that an order's tickets, fees and total are taken together or not at all.
-- refresh: batch
SELECT
    o.order_id,
    o.event_id,
    o.first_name,
    o.last_name,
    o.email,
    o.total_paid,
    o.paid_at_utc,
    o.tickets,
    o.run_id,
    o.version_at,
    regexp_extract(o.source_path, 'raw/[^/]+/[^/]+/load_date=.*') AS source_file,
    CASE
        WHEN o.order_id IS NULL THEN 'no Order.id'
        WHEN o.total_paid_text IS NOT NULL AND o.total_paid IS NULL THEN concat('Order.total_paid is not a decimal: ', o.total_paid_text)
        WHEN o.paid_text IS NOT NULL AND o.paid_at_utc IS NULL THEN concat('Order.paid_date_utc is not a date and time: ', o.paid_text)
        WHEN cardinality(filter(o.tickets, t -> t.id IS NULL)) > 0 THEN 'a ticket has no id'
        WHEN cardinality(filter(o.tickets, t -> t.price IS NOT NULL AND TRY_CAST(t.price AS DECIMAL(12, 2)) IS NULL)) > 0
            THEN concat('a ticket price is not a decimal: ',
                element_at(filter(o.tickets, t -> t.price IS NOT NULL AND TRY_CAST(t.price AS DECIMAL(12, 2)) IS NULL), 1).price)
        WHEN cardinality(filter(o.tickets, t -> cardinality(filter(
                map_values(TRY_CAST(TRY(json_parse(t."LineItemFees")) AS MAP(VARCHAR, VARCHAR))),
                amount -> amount <> '' AND TRY_CAST(amount AS DECIMAL(12, 2)) IS NULL)) > 0)) > 0
            THEN 'a ticket fee is not a decimal'
    END AS quarantine_reason
FROM (
    SELECT
        r."Order".id AS order_id,
        r."Order".event_id AS event_id,
        r."Order".first_name AS first_name,
        r."Order".last_name AS last_name,
        r."Order".email AS email,
        r."Order".total_paid AS total_paid_text,
        TRY_CAST(r."Order".total_paid AS DECIMAL(12, 2)) AS total_paid,
        r."Order".paid_date_utc AS paid_text,
        TRY_CAST(r."Order".paid_date_utc AS TIMESTAMP) AS paid_at_utc,
        r."Ticket" AS tickets,
        r.run_id AS run_id,
        r."$path" AS source_path,
        TRY_CAST(r.tw_fetched_at AS BIGINT) AS version_at
    FROM raw_ticketsauce_orders r
    WHERE r.run_id IN (SELECT run_id FROM refresh_runs)
) o
