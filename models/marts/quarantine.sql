-- The records that could not be typed (a text where an amount should be, an impossible date), one row per
-- version, with the entity, the file it came from, its run and why; the rest of the lake is transformed
-- without them. A later version that could be typed supersedes a record's quarantined versions: they
-- leave this table, and staging takes the good one.
SELECT 'ticketsauce/events' AS entity, q.event_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_ticketsauce_events q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_ticketsauce_events g WHERE g.event_id = q.event_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
UNION ALL
SELECT 'ticketsauce/orders' AS entity, q.order_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_ticketsauce_orders q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_ticketsauce_orders g WHERE g.order_id = q.order_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
UNION ALL
SELECT 'stripe/charges' AS entity, q.charge_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_charges q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_stripe_charges g WHERE g.charge_id = q.charge_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
UNION ALL
SELECT 'stripe/refunds' AS entity, q.refund_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_refunds q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_stripe_refunds g WHERE g.refund_id = q.refund_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
UNION ALL
SELECT 'stripe/balance_transactions' AS entity, q.balance_transaction_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_balance_transactions q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_stripe_balance_transactions g WHERE g.balance_transaction_id = q.balance_transaction_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
UNION ALL
SELECT 'stripe/payouts' AS entity, q.payout_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_payouts q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_stripe_payouts g WHERE g.payout_id = q.payout_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
UNION ALL
SELECT 'stripe/disputes' AS entity, q.dispute_id AS record_id, q.run_id, q.source_file, q.quarantine_reason AS reason
FROM typed_stripe_disputes q
WHERE q.quarantine_reason IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM typed_stripe_disputes g WHERE g.dispute_id = q.dispute_id AND g.quarantine_reason IS NULL AND g.run_id > q.run_id)
