ALTER TABLE "dashboard_actions" ADD COLUMN "request_id" text;--> statement-breakpoint
CREATE INDEX "chatrooms_org_expiry_idx" ON "chatrooms" USING btree ("org_id","expiry_ts","id");--> statement-breakpoint
CREATE INDEX "chatrooms_org_deactivation_idx" ON "chatrooms" USING btree ("org_id",coalesce("deactivated_at", "inactivity_deadline"),"id");