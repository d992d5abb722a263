ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ADD COLUMN "full_at" timestamp (3) with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "conflict_log_at_idx" ON "conflict_log" USING btree ("at");