-- Every Stripe payout, latest version
-- refresh: by payout_id
SELECT
    payout_id,
    amount,
    currency,
    status,
    method,
    created_at,
    arrival_at
FROM stg_stripe_payouts
