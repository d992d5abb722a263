-- Idempotency records are kept 24 h; the old ones (keyed by the raw path) are dropped, not converted.
DROP TABLE "idempotency_records" CASCADE;
--> statement-breakpoint
CREATE TABLE "idempotency_records" (
	"scope_hash" text PRIMARY KEY NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "idempotency_records_created_idx" ON "idempotency_records" USING btree ("created_at");