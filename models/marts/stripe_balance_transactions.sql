-- Every Stripe balance transaction, latest version
-- refresh: view
SELECT
    balance_transaction_id,
    type,
    reporting_category,
    source_id,
    amount,
    fee,
    net,
    currency,
    status,
    created_at,
    available_on
FROM stg_stripe_balance_transactions
