-- Every version of every order (list pages and order details alike) of the runs a refresh reads, typed, with the
-- reason a version could not be. A ticket's price or fee that cannot be typed quarantines its whole order,
-- so that an order's tickets, fees and total are taken together or not at all.
-- refresh: batch
SELECT
    r."Order".id AS order_id,
    r."Order".event_id AS event_id,
    r."Order".first_name AS first_name,
    r."Order".last_name AS last_name,
    r."Order".email AS email,
    TRY_CAST(r."Order".total_paid AS DECIMAL(12, 2)) AS total_paid,
    TRY_CAST(r."Order".paid_date_utc AS TIMESTAMP) AS paid_at_utc,
    r."Ticket" AS tickets,
    archived_version(r),
    CASE
        WHEN r."Order".id IS NULL THEN 'no Order.id'
        WHEN r."Order".total_paid IS NOT NULL AND TRY_CAST(r."Order".total_paid AS DECIMAL(12, 2)) IS NULL
            THEN concat('Order.total_paid is not a decimal: ', r."Order".total_paid)
        WHEN r."Order".paid_date_utc IS NOT NULL AND TRY_CAST(r."Order".paid_date_utc AS TIMESTAMP) IS NULL
            THEN concat('Order.paid_date_utc is not a date and time: ', r."Order".paid_date_utc)
        WHEN cardinality(filter(r."Ticket", t -> t.id IS NULL)) > 0 THEN 'a ticket has no id'
        WHEN cardinality(filter(r."Ticket", t -> t.price IS NOT NULL AND TRY_CAST(t.price AS DECIMAL(12, 2)) IS NULL)) > 0
            THEN concat('a ticket price is not a decimal: ',
                element_at(filter(r."Ticket", t -> t.price IS NOT NULL AND TRY_CAST(t.price AS DECIMAL(12, 2)) IS NULL), 1).price)
        WHEN cardinality(filter(r."Ticket", t -> cardinality(filter(
                map_values(TRY_CAST(TRY(json_parse(t."LineItemFees")) AS MAP(VARCHAR, VARCHAR))),
                amount -> amount <> '' AND TRY_CAST(amount AS DECIMAL(12, 2)) IS NULL)) > 0)) > 0
            THEN 'a ticket fee is not a decimal'
    END AS quarantine_reason
FROM raw_ticketsauce_orders r
WHERE of_refresh_runs(r)
