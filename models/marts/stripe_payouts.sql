-- Every Stripe payout, latest version
SELECT * FROM stg_stripe_payouts
