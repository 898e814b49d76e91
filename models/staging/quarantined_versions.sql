-- Every version of a record that could not be typed (a text where an amount should be, an impossible date),
-- with the entity, the file it came from, its run and why; kept as they arrive, for the quarantine mart
-- refresh: merge on entity, record_id, run_id, source_file
SELECT 'ticketsauce/events' AS entity, q.event_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_ticketsauce_events q
WHERE q.quarantine_reason IS NOT NULL
UNION ALL
SELECT 'ticketsauce/orders' AS entity, q.order_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_ticketsauce_orders q
WHERE q.quarantine_reason IS NOT NULL
UNION ALL
SELECT 'stripe/charges' AS entity, q.charge_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_charges q
WHERE q.quarantine_reason IS NOT NULL
UNION ALL
SELECT 'stripe/refunds' AS entity, q.refund_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_refunds q
WHERE q.quarantine_reason IS NOT NULL
UNION ALL
SELECT 'stripe/balance_transactions' AS entity, q.balance_transaction_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_balance_transactions q
WHERE q.quarantine_reason IS NOT NULL
UNION ALL
SELECT 'stripe/payouts' AS entity, q.payout_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_payouts q
WHERE q.quarantine_reason IS NOT NULL
UNION ALL
SELECT 'stripe/disputes' AS entity, q.dispute_id AS record_id, q.run_id, q.version_at, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_disputes q
WHERE q.quarantine_reason IS NOT NULL
