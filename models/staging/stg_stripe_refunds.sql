-- The version of each refund fetched last that could be typed
-- refresh: merge on refund_id
SELECT
    r.refund_id,
    r.charge_id,
    r.payment_intent,
    r.amount,
    r.currency,
    r.status,
    r.reason,
    r.balance_transaction_id,
    r.created_at,
    r.run_id,
    r.version_at
FROM newest_version(typed_stripe_refunds, refund_id) r
