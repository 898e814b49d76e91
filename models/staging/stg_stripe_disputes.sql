-- The version of each dispute fetched last that could be typed
-- refresh: merge on dispute_id
SELECT
    d.dispute_id,
    d.charge_id,
    d.payment_intent,
    d.amount,
    d.currency,
    d.status,
    d.reason,
    d.created_at,
    d.run_id,
    d.version_at
FROM newest_version(typed_stripe_disputes, dispute_id) d
