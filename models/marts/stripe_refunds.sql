-- Every Stripe refund, latest version
SELECT * FROM stg_stripe_refunds
