-- The raw tables of the lake, as a Glue crawler would make them over the archives: Hive DDL for
-- Athena (engine v3). One statement per table, each ending in ';'. Placeholders:
--   ${database}  the Glue database (schema) the tables go in
--   ${lake}      where the lake is, without a trailing slash: s3://bucket/prefix on AWS
-- After creating them, load the partitions (load_date=.../run_id=... folders) with
-- MSCK REPAIR TABLE <table> (or partition projection). The Trino test (TrinoModelsIT, -Ptrino)
-- runs these same statements, translated to Trino's CREATE TABLE, against a local lake.
--
-- Types are what the crawler infers from the JSON lines, with these choices:
--  * Every field that is only ever null, and every timestamp or UUID, is a string, as the crawler makes it.
--  * Stripe metadata (and fraud_details, enhanced_eligibility) is map<string,string>: its keys vary by
--    object, so a struct would drop the keys another object has.
--  * Ticketsauce LineItemFees (of an order and of each ticket) is a string holding the JSON text: its keys
--    vary by venue and an empty fee set comes as [] instead of an object, so no struct or map types it.
--    The OpenX SerDe returns a nested object or array in a string column as its JSON text; the models
--    read it with json_parse.
--  * Field names are lowercase; the SerDe matches the JSON keys (Order, Ticket, LineItemFees...)
--    case-insensitively.
--  * tw_fetched_at (epoch milliseconds) is ours: when the answer holding the record arrived.
--  * load_runs reads the run manifests; run_id comes from the folder name (partition), as it does for the
--    raw tables, so it is not also a column of the file.

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_ticketsauce_events` (
  `tw_fetched_at` bigint,
  `event` struct<`id`:string,`organization_id`:string,`organization_name`:string,`partner_id`:string,`name`:string,`description`:string,`start`:string,`end`:string,`timezone`:string,`location`:string,`location_name`:string,`address`:string,`city`:string,`state`:string,`postal_code`:string,`country`:string,`privacy_type`:string,`active`:boolean,`currency`:string,`created`:string,`modified`:string,`url`:string>
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/ticketsauce/events/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_ticketsauce_orders` (
  `tw_fetched_at` bigint,
  `order` struct<`id`:string,`event_id`:string,`status`:string,`first_name`:string,`last_name`:string,`email`:string,`phone`:string,`total_paid`:string,`subtotal`:string,`fees_total`:string,`tickets_count`:bigint,`promo_code`:string,`payment_type`:string,`paid_date_utc`:string,`opted_in`:boolean,`opted_in_sms`:string>,
  `ticket` array<struct<`id`:string,`order_id`:string,`event_id`:string,`ticket_type_id`:string,`ticket_type_price_id`:string,`ticket_type_name`:string,`ticket_type_price`:string,`price`:string,`name`:string,`redeemed`:boolean,`promo_code`:string,`tickettype`:struct<`id`:string,`name`:string>,`lineitemfees`:string>>,
  `lineitemfees` string
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/ticketsauce/orders/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_ticketsauce_checkins` (
  `tw_fetched_at` bigint,
  `event_id` string,
  `ticket_id` string
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/ticketsauce/checkins/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_charges` (
  `tw_fetched_at` bigint,
  `amount` bigint,
  `amount_captured` bigint,
  `amount_refunded` bigint,
  `application` string,
  `application_fee` string,
  `application_fee_amount` string,
  `balance_transaction` string,
  `billing_details` struct<`address`:struct<`city`:string,`country`:string,`line1`:string,`line2`:string,`postal_code`:string,`state`:string>,`email`:string,`name`:string,`phone`:string,`tax_id`:string>,
  `calculated_statement_descriptor` string,
  `captured` boolean,
  `created` bigint,
  `currency` string,
  `customer` string,
  `description` string,
  `disputed` boolean,
  `failure_balance_transaction` string,
  `failure_code` string,
  `failure_message` string,
  `fraud_details` map<string,string>,
  `id` string,
  `livemode` boolean,
  `metadata` map<string,string>,
  `object` string,
  `on_behalf_of` string,
  `outcome` struct<`advice_code`:string,`network_advice_code`:string,`network_decline_code`:string,`network_status`:string,`reason`:string,`risk_level`:string,`seller_message`:string,`type`:string>,
  `paid` boolean,
  `payment_intent` string,
  `payment_method` string,
  `payment_method_details` struct<`card`:struct<`amount_authorized`:string,`brand`:string,`checks`:struct<`address_line1_check`:string,`address_postal_code_check`:string,`cvc_check`:string>,`country`:string,`exp_month`:bigint,`exp_year`:bigint,`extended_authorization`:struct<`status`:string>,`fingerprint`:string,`funding`:string,`incremental_authorization`:struct<`status`:string>,`installments`:struct<`plan`:struct<`count`:string,`interval`:string,`type`:string>>,`last4`:string,`mandate`:string,`multicapture`:struct<`status`:string>,`network`:string,`network_token`:struct<`used`:boolean>,`overcapture`:struct<`maximum_amount_capturable`:bigint,`status`:string>,`three_d_secure`:struct<`authentication_flow`:string,`electronic_commerce_indicator`:string,`exemption_indicator`:string,`result`:string,`result_reason`:string,`transaction_id`:string,`version`:string>,`wallet`:struct<`dynamic_last4`:string,`type`:string>,`authorization_code`:string,`regulated_status`:string,`network_transaction_id`:string,`transaction_link_id`:string>,`type`:string>,
  `receipt_email` string,
  `receipt_number` string,
  `receipt_url` string,
  `refunded` boolean,
  `refunds` struct<`object`:string,`data`:array<struct<`amount`:bigint,`balance_transaction`:string,`charge`:string,`created`:bigint,`currency`:string,`destination_details`:struct<`card`:struct<`type`:string>,`type`:string>,`id`:string,`metadata`:map<string,string>,`object`:string,`payment_intent`:string,`reason`:string,`receipt_number`:string,`source_transfer_reversal`:string,`status`:string,`transfer_reversal`:string,`customer`:string,`customer_account`:string,`payment_method`:string>>,`has_more`:boolean,`total_count`:bigint,`url`:string>,
  `review` string,
  `shipping` string,
  `source_transfer` string,
  `statement_descriptor` string,
  `statement_descriptor_suffix` string,
  `status` string,
  `transfer_data` string,
  `transfer_group` string,
  `source` string
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/stripe/charges/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_refunds` (
  `tw_fetched_at` bigint,
  `amount` bigint,
  `balance_transaction` string,
  `charge` string,
  `created` bigint,
  `currency` string,
  `destination_details` struct<`card`:struct<`type`:string>,`type`:string>,
  `id` string,
  `metadata` map<string,string>,
  `object` string,
  `payment_intent` string,
  `reason` string,
  `receipt_number` string,
  `source_transfer_reversal` string,
  `status` string,
  `transfer_reversal` string,
  `customer` string,
  `customer_account` string,
  `payment_method` string
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/stripe/refunds/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_balance_transactions` (
  `tw_fetched_at` bigint,
  `amount` bigint,
  `available_on` bigint,
  `created` bigint,
  `currency` string,
  `description` string,
  `exchange_rate` string,
  `fee` bigint,
  `fee_details` array<struct<`amount`:bigint,`application`:string,`currency`:string,`description`:string,`type`:string>>,
  `id` string,
  `net` bigint,
  `object` string,
  `reporting_category` string,
  `source` string,
  `status` string,
  `type` string,
  `balance_type` string
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/stripe/balance_transactions/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_payouts` (
  `tw_fetched_at` bigint,
  `amount` bigint,
  `application_fee` string,
  `application_fee_amount` string,
  `arrival_date` bigint,
  `automatic` boolean,
  `balance_transaction` string,
  `created` bigint,
  `currency` string,
  `description` string,
  `destination` string,
  `failure_balance_transaction` string,
  `failure_code` string,
  `failure_message` string,
  `id` string,
  `livemode` boolean,
  `metadata` map<string,string>,
  `method` string,
  `object` string,
  `original_payout` string,
  `reconciliation_status` string,
  `reversed_by` string,
  `source_type` string,
  `statement_descriptor` string,
  `status` string,
  `type` string,
  `trace_id` struct<`status`:string,`value`:string>,
  `payout_method` string
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/stripe/payouts/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_disputes` (
  `tw_fetched_at` bigint,
  `amount` bigint,
  `balance_transactions` array<string>,
  `charge` string,
  `created` bigint,
  `currency` string,
  `evidence` struct<`access_activity_log`:string,`billing_address`:string,`cancellation_policy`:string,`cancellation_policy_disclosure`:string,`cancellation_rebuttal`:string,`customer_communication`:string,`customer_email_address`:string,`customer_name`:string,`customer_purchase_ip`:string,`customer_signature`:string,`duplicate_charge_documentation`:string,`duplicate_charge_explanation`:string,`duplicate_charge_id`:string,`product_description`:string,`receipt`:string,`refund_policy`:string,`refund_policy_disclosure`:string,`refund_refusal_explanation`:string,`service_date`:string,`service_documentation`:string,`shipping_address`:string,`shipping_carrier`:string,`shipping_date`:string,`shipping_documentation`:string,`shipping_tracking_number`:string,`uncategorized_file`:string,`uncategorized_text`:string,`enhanced_evidence`:map<string,string>>,
  `evidence_details` struct<`due_by`:bigint,`has_evidence`:boolean,`past_due`:boolean,`submission_count`:bigint,`enhanced_eligibility`:map<string,string>>,
  `id` string,
  `is_charge_refundable` boolean,
  `livemode` boolean,
  `metadata` map<string,string>,
  `object` string,
  `payment_intent` string,
  `payment_method_details` struct<`card`:struct<`brand`:string,`case_type`:string,`network_reason_code`:string,`network`:string>,`type`:string>,
  `reason` string,
  `status` string,
  `enhanced_eligibility_types` array<string>
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/stripe/disputes/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

-- The events feed mixes charges, refunds, disputes and payouts under data.object: its struct has the
-- fields of all four that the staging models read (a crawler would make their union).
CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_events` (
  `tw_fetched_at` bigint,
  `id` string,
  `object` string,
  `api_version` string,
  `created` bigint,
  `livemode` boolean,
  `pending_webhooks` bigint,
  `type` string,
  `data` struct<`object`:struct<`id`:string,`object`:string,`amount`:bigint,`amount_refunded`:bigint,`currency`:string,`status`:string,`refunded`:boolean,`disputed`:boolean,`failure_code`:string,`payment_intent`:string,`balance_transaction`:string,`statement_descriptor`:string,`description`:string,`metadata`:map<string,string>,`created`:bigint,`charge`:string,`reason`:string,`method`:string,`arrival_date`:bigint>>
)
PARTITIONED BY (`load_date` string, `run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/raw/stripe/events/'
TBLPROPERTIES ('classification'='json', 'compressionType'='gzip');

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`load_runs` (
  `status` string,
  `sources` string,
  `time_range` string,
  `events_from` string,
  `events_before` string,
  `started_at` string,
  `finished_at` string,
  `duration_ms` bigint,
  `requests` bigint,
  `records` bigint,
  `bytes` bigint,
  `error` string,
  `entities` map<string,struct<records:bigint,files:bigint,bytes:bigint>>,
  `requests_by_api` map<string,bigint>
)
PARTITIONED BY (`run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/manifests/'
TBLPROPERTIES ('classification'='json');
