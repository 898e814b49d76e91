-- Every Stripe dispute, latest version
SELECT * FROM stg_stripe_disputes
