CREATE TABLE "dashboard_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"account_email" text NOT NULL,
	"org_id" text NOT NULL,
	"chatroom_id" text,
	"action" text NOT NULL,
	"request" jsonb NOT NULL,
	"note" text,
	"status" integer NOT NULL,
	"outcome" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "dashboard_actions_chatroom_idx" ON "dashboard_actions" USING btree ("org_id","chatroom_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dashboard_actions_account_idx" ON "dashboard_actions" USING btree ("account_id","id" DESC NULLS LAST);