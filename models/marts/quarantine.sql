-- The records that could not be typed (a text where an amount should be, an impossible date), one row per
-- version, with the entity, the file it came from, its run and why; the rest of the lake is transformed
-- without them. A newer version that could be typed supersedes a record's quarantined versions: they
-- leave this table, and staging takes the good one.
SELECT q.entity, q.record_id, q.run_id, q.source_file, q.reason
FROM quarantined_versions q
WHERE NOT EXISTS (
    SELECT 1
    FROM (
        SELECT 'ticketsauce/events' AS entity, event_id AS record_id, version_at, run_id FROM stg_ticketsauce_events
        UNION ALL SELECT 'ticketsauce/orders' AS entity, order_id AS record_id, version_at, run_id FROM stg_ticketsauce_orders
        UNION ALL SELECT 'stripe/charges' AS entity, charge_id AS record_id, version_at, run_id FROM stg_stripe_charges
        UNION ALL SELECT 'stripe/refunds' AS entity, refund_id AS record_id, version_at, run_id FROM stg_stripe_refunds
        UNION ALL SELECT 'stripe/balance_transactions' AS entity, balance_transaction_id AS record_id, version_at, run_id FROM stg_stripe_balance_transactions
        UNION ALL SELECT 'stripe/payouts' AS entity, payout_id AS record_id, version_at, run_id FROM stg_stripe_payouts
        UNION ALL SELECT 'stripe/disputes' AS entity, dispute_id AS record_id, version_at, run_id FROM stg_stripe_disputes
    ) g
    WHERE g.entity = q.entity AND g.record_id = q.record_id AND newer_version(g, q)
)
