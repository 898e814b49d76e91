-- Every Stripe balance transaction, latest version
SELECT * FROM stg_stripe_balance_transactions
