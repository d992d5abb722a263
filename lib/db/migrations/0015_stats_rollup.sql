CREATE TABLE "chatroom_stat_keys" (
	"org_id" text NOT NULL,
	"chatroom_id" text NOT NULL,
	"keys" text[] NOT NULL,
	CONSTRAINT "chatroom_stat_keys_org_id_chatroom_id_pk" PRIMARY KEY("org_id","chatroom_id")
);
--> statement-breakpoint
CREATE TABLE "stats_counts" (
	"org_id" text NOT NULL,
	"metric" text NOT NULL,
	"hour" timestamp (3) with time zone,
	"key" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stats_counts_figure_idx" ON "stats_counts" USING btree ("org_id","metric","hour","key");--> statement-breakpoint
CREATE INDEX "chatrooms_org_open_expiry_idx" ON "chatrooms" USING btree ("org_id","expiry_ts","inactivity_deadline","id") WHERE "chatrooms"."deactivated_at" is null and "chatrooms"."expired_at" is null;