-- Every Stripe payout, latest version
-- refresh: view
SELECT
    payout_id,
    amount,
    currency,
    status,
    method,
    created_at,
    arrival_at
FROM stg_stripe_payouts
