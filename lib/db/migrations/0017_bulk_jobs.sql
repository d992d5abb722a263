CREATE TABLE "bulk_job_results" (
	"job_id" text NOT NULL,
	"org_id" text NOT NULL,
	"chatroom_id" text NOT NULL,
	"outcome" text,
	"reason" text,
	"processed_at" timestamp (3) with time zone,
	CONSTRAINT "bulk_job_results_job_id_chatroom_id_pk" PRIMARY KEY("job_id","chatroom_id"),
	CONSTRAINT "bulk_job_results_processed" CHECK (("bulk_job_results"."outcome" is null) = ("bulk_job_results"."processed_at" is null))
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"action" text NOT NULL,
	"params" jsonb NOT NULL,
	"filter" jsonb,
	"actor" jsonb NOT NULL,
	"note" text,
	"request_id" text NOT NULL,
	"status" text NOT NULL,
	"cursor" text,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone,
	CONSTRAINT "bulk_jobs_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "bulk_jobs_counts" CHECK ("bulk_jobs"."done" >= 0 and "bulk_jobs"."skipped" >= 0 and "bulk_jobs"."failed" >= 0 and "bulk_jobs"."done" + "bulk_jobs"."skipped" + "bulk_jobs"."failed" <= "bulk_jobs"."total"),
	CONSTRAINT "bulk_jobs_finished" CHECK (("bulk_jobs"."finished_at" is null) = ("bulk_jobs"."status" in ('queued', 'running')))
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "bulk_id" text;--> statement-breakpoint
ALTER TABLE "bulk_job_results" ADD CONSTRAINT "bulk_job_results_org_id_job_id_bulk_jobs_org_id_id_fk" FOREIGN KEY ("org_id","job_id") REFERENCES "public"."bulk_jobs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_results" ADD CONSTRAINT "bulk_job_results_org_id_chatroom_id_chatrooms_org_id_id_fk" FOREIGN KEY ("org_id","chatroom_id") REFERENCES "public"."chatrooms"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_jobs_org_idx" ON "bulk_jobs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "bulk_jobs_unfinished_idx" ON "bulk_jobs" USING btree ("created_at","id") WHERE "bulk_jobs"."status" in ('queued', 'running');--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_bulk_id_bulk_jobs_org_id_id_fk" FOREIGN KEY ("org_id","bulk_id") REFERENCES "public"."bulk_jobs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_bulk_idx" ON "audit_events" USING btree ("bulk_id") WHERE "audit_events"."bulk_id" is not null;