-- Every version of a record that could not be typed (a text where an amount should be, an impossible date),
-- with the entity, the file it came from, its run and why; kept as they arrive, for the quarantine mart
-- refresh: merge on entity, record_id, run_id, source_file
quarantined_versions_of('ticketsauce/events', typed_ticketsauce_events, event_id)
UNION ALL quarantined_versions_of('ticketsauce/orders', typed_ticketsauce_orders, order_id)
UNION ALL quarantined_versions_of('stripe/charges', typed_stripe_charges, charge_id)
UNION ALL quarantined_versions_of('stripe/refunds', typed_stripe_refunds, refund_id)
UNION ALL quarantined_versions_of('stripe/balance_transactions', typed_stripe_balance_transactions, balance_transaction_id)
UNION ALL quarantined_versions_of('stripe/payouts', typed_stripe_payouts, payout_id)
UNION ALL quarantined_versions_of('stripe/disputes', typed_stripe_disputes, dispute_id)
