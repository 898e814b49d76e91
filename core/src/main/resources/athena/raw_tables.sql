-- The raw tables of the lake, as the project defines them: Hive DDL for Athena (engine v3). Every engine
-- makes its tables from this one file: on aws, './tw crawl' creates missing Glue tables from it (and the
-- Glue crawlers only add partitions, logging schema changes instead of applying them); locally, the DuckDB
-- crawl reads the archives with exactly these columns; the Trino proof (TrinoModelsIT, -Ptrino) makes its
-- tables from it and runs the models over them. One statement per table, each ending in ';'. Placeholders:
--   ${database}          the Glue database (schema) the tables go in
--   ${lake}              where the lake is, without a trailing slash: s3://bucket/prefix on AWS
--   ${archive_columns}   the columns the pipeline adds to every record of an archive, first (tw_fetched_at,
--                        tw_source_run, tw_source_object: see below)
--   ${archive_storage}   how the archives of raw_<source>_<entity> are kept: gzip JSON lines, read by the OpenX JSON
--                        SerDe, under ${lake}/raw/<source>/<entity>/ in a folder per load_date and run_id (the partitions)
--   (the two are what every table of an archive shares, written once in RawTableDdl)
--
-- It is the floor of what an account sends, not a guess from one account's data:
--  * Every field the reference names (the API documentation, Stripe's published fixtures,
--    schemas/ticketsauce/*.json) is a column, whether or not an account sends it: a field that never
--    comes reads as NULL, and a model never fails for want of it. Fields beyond these stay in the archives.
--  * Every value is a string, nested objects and arrays included (as their JSON text): the JSON SerDe
--    then reads any record, whatever type a field comes as (a number where a string was, [] where an
--    object was), and the staging models type each value with TRY_CAST, sending a record whose value
--    cannot be typed to the quarantine table instead of failing. Only the envelopes that Ticketsauce
--    always sends as objects (Event, Order, the Ticket array) are structs.
--  * tw_fetched_at (epoch milliseconds) is ours: when the answer holding the record arrived; staging keeps
--    the version of a record fetched last. tw_source_run and tw_source_object are ours too, in records a
--    compaction rewrote (the compact job): the run that first archived the record and its object then.
--  * Names keep the case of the JSON keys: DuckDB matches keys by case; Athena, Glue and Trino do not.
--  * load_runs reads the run manifests, which the pipeline itself writes (stripe: what a sync read from
--    Stripe, and why); run_id comes from the folder name (partition), as it does for the raw tables, so
--    it is not also a column of the file.

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_ticketsauce_events` (
  ${archive_columns},
  `Event` struct<`id`:string,`organization_id`:string,`organization_name`:string,`partner_id`:string,`name`:string,`description`:string,`start`:string,`end`:string,`timezone`:string,`location`:string,`location_name`:string,`address`:string,`city`:string,`state`:string,`postal_code`:string,`country`:string,`privacy_type`:string,`active`:string,`currency`:string,`created`:string,`modified`:string,`url`:string>
)
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_ticketsauce_orders` (
  ${archive_columns},
  `Order` struct<`id`:string,`event_id`:string,`status`:string,`first_name`:string,`last_name`:string,`email`:string,`phone`:string,`total_paid`:string,`subtotal`:string,`fees_total`:string,`tickets_count`:string,`promo_code`:string,`payment_type`:string,`paid_date_utc`:string,`opted_in`:string,`opted_in_sms`:string>,
  `Ticket` array<struct<`id`:string,`order_id`:string,`event_id`:string,`ticket_type_id`:string,`ticket_type_price_id`:string,`ticket_type_name`:string,`ticket_type_price`:string,`price`:string,`name`:string,`redeemed`:string,`promo_code`:string,`TicketType`:string,`LineItemFees`:string>>,
  `LineItemFees` string
)
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_ticketsauce_checkins` (
  ${archive_columns},
  `event_id` string,
  `ticket_id` string
)
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_charges` (
  ${archive_columns},
  `amount` string,
  `amount_captured` string,
  `amount_refunded` string,
  `application` string,
  `application_fee` string,
  `application_fee_amount` string,
  `balance_transaction` string,
  `billing_details` string,
  `calculated_statement_descriptor` string,
  `captured` string,
  `created` string,
  `currency` string,
  `customer` string,
  `description` string,
  `disputed` string,
  `failure_balance_transaction` string,
  `failure_code` string,
  `failure_message` string,
  `fraud_details` string,
  `id` string,
  `livemode` string,
  `metadata` string,
  `object` string,
  `on_behalf_of` string,
  `outcome` string,
  `paid` string,
  `payment_intent` string,
  `payment_method` string,
  `payment_method_details` string,
  `receipt_email` string,
  `receipt_number` string,
  `receipt_url` string,
  `refunded` string,
  `refunds` string,
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
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_refunds` (
  ${archive_columns},
  `amount` string,
  `balance_transaction` string,
  `charge` string,
  `created` string,
  `currency` string,
  `destination_details` string,
  `id` string,
  `metadata` string,
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
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_balance_transactions` (
  ${archive_columns},
  `amount` string,
  `available_on` string,
  `created` string,
  `currency` string,
  `description` string,
  `exchange_rate` string,
  `fee` string,
  `fee_details` string,
  `id` string,
  `net` string,
  `object` string,
  `reporting_category` string,
  `source` string,
  `status` string,
  `type` string,
  `balance_type` string
)
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_payouts` (
  ${archive_columns},
  `amount` string,
  `application_fee` string,
  `application_fee_amount` string,
  `arrival_date` string,
  `automatic` string,
  `balance_transaction` string,
  `created` string,
  `currency` string,
  `description` string,
  `destination` string,
  `failure_balance_transaction` string,
  `failure_code` string,
  `failure_message` string,
  `id` string,
  `livemode` string,
  `metadata` string,
  `method` string,
  `object` string,
  `original_payout` string,
  `reconciliation_status` string,
  `reversed_by` string,
  `source_type` string,
  `statement_descriptor` string,
  `status` string,
  `type` string,
  `trace_id` string,
  `payout_method` string
)
${archive_storage};

CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_disputes` (
  ${archive_columns},
  `amount` string,
  `balance_transactions` string,
  `charge` string,
  `created` string,
  `currency` string,
  `evidence` string,
  `evidence_details` string,
  `id` string,
  `is_charge_refundable` string,
  `livemode` string,
  `metadata` string,
  `object` string,
  `payment_intent` string,
  `payment_method_details` string,
  `reason` string,
  `status` string,
  `enhanced_eligibility_types` string
)
${archive_storage};

-- The events feed (syncs read it for the changes to older objects): each event's object, a charge, refund,
-- dispute or payout, is data.object; like any nested object, data is a string of its JSON text.
CREATE EXTERNAL TABLE IF NOT EXISTS `${database}`.`raw_stripe_events` (
  ${archive_columns},
  `api_version` string,
  `created` string,
  `data` string,
  `id` string,
  `livemode` string,
  `object` string,
  `pending_webhooks` string,
  `request` string,
  `type` string
)
${archive_storage};

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
  `fetched` bigint,
  `records` bigint,
  `bytes` bigint,
  `error` string,
  `host` string,
  `pid` bigint,
  `heartbeat_at` string,
  `heartbeat_seconds` bigint,
  `stripe` string,
  `entities` map<string,struct<fetched:bigint,records:bigint,files:bigint,bytes:bigint>>,
  `requests_by_api` map<string,bigint>
)
PARTITIONED BY (`run_id` string)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
LOCATION '${lake}/manifests/'
TBLPROPERTIES ('classification'='json');
