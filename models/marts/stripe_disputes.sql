-- Every Stripe dispute, latest version
-- refresh: view
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
