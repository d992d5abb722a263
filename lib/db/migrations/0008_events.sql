CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"xact" bigint DEFAULT (pg_current_xact_id()::text)::bigint NOT NULL,
	"org_id" text NOT NULL,
	"type" text NOT NULL,
	"chatroom_id" text,
	"actor" jsonb NOT NULL,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"data" json NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"event_id" bigint,
	"event_xact" bigint,
	"event_type" text NOT NULL,
	"chatroom_id" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"leased_until" timestamp (3) with time zone,
	"last_attempt_at" timestamp (3) with time zone,
	"response_status" integer,
	"response_latency_ms" integer,
	"response_body" text,
	"error" text,
	"redelivery_of" bigint,
	"created_at" timestamp (3) with time zone NOT NULL,
	"settled_at" timestamp (3) with time zone,
	CONSTRAINT "webhook_deliveries_event_or_ping" CHECK (("webhook_deliveries"."event_id" is null) = ("webhook_deliveries"."event_type" = 'ping'))
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"url" text NOT NULL,
	"types" text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret" text NOT NULL,
	"disabled_at" timestamp (3) with time zone,
	"disabled_reason" text,
	"failing_since" timestamp (3) with time zone,
	"cursor_xact" bigint NOT NULL,
	"cursor_event_id" bigint NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "webhook_subscriptions_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "webhook_subscriptions_disabled_consistent" CHECK (("webhook_subscriptions"."disabled_at" is null) = ("webhook_subscriptions"."disabled_reason" is null)),
	CONSTRAINT "webhook_subscriptions_types_not_empty" CHECK (cardinality("webhook_subscriptions"."types") > 0)
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_org_id_subscription_id_webhook_subscriptions_org_id_id_fk" FOREIGN KEY ("org_id","subscription_id") REFERENCES "public"."webhook_subscriptions"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_org_position_idx" ON "events" USING btree ("org_id","xact","id");--> statement-breakpoint
CREATE INDEX "events_xact_idx" ON "events" USING btree ("xact");--> statement-breakpoint
CREATE INDEX "events_recorded_idx" ON "events" USING btree ("recorded_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_once_idx" ON "webhook_deliveries" USING btree ("subscription_id","event_id") WHERE "webhook_deliveries"."redelivery_of" is null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at","id") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_chatroom_order_idx" ON "webhook_deliveries" USING btree ("subscription_id","chatroom_id","event_xact","event_id") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_subscription_idx" ON "webhook_deliveries" USING btree ("subscription_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "webhook_deliveries" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "webhook_subscriptions_org_idx" ON "webhook_subscriptions" USING btree ("org_id","created_at");