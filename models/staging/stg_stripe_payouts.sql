-- The version of each payout fetched last that could be typed
-- refresh: merge on payout_id
SELECT
    p.payout_id,
    p.amount,
    p.currency,
    p.status,
    p.method,
    p.created_at,
    p.arrival_at,
    p.run_id,
    p.version_at
FROM newest_version(typed_stripe_payouts, payout_id) p
