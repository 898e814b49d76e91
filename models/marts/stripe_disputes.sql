-- Every Stripe dispute, latest version
-- refresh: by dispute_id
SELECT
    dispute_id,
    charge_id,
    payment_intent,
    amount,
    currency,
    status,
    reason,
    created_at
FROM stg_stripe_disputes
