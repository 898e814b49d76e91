-- The version of each balance transaction fetched last that could be typed
-- refresh: merge on balance_transaction_id
SELECT
    b.balance_transaction_id,
    b.type,
    b.reporting_category,
    b.source_id,
    b.amount,
    b.fee,
    b.net,
    b.currency,
    b.status,
    b.created_at,
    b.available_on,
    b.run_id,
    b.version_at
FROM newest_version(typed_stripe_balance_transactions, balance_transaction_id) b
