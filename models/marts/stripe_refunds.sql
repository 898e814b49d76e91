-- Every Stripe refund, latest version
-- refresh: view
SELECT
    refund_id,
    charge_id,
    payment_intent,
    amount,
    currency,
    status,
    reason,
    balance_transaction_id,
    created_at
FROM stg_stripe_refunds
