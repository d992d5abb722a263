CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"password_hash" text,
	"user_id" text,
	"partner_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_kind_links" CHECK (("accounts"."kind" = 'org_user' and "accounts"."user_id" is not null and "accounts"."partner_id" is null)
       or ("accounts"."kind" = 'partner_member' and "accounts"."partner_id" is not null and "accounts"."user_id" is null)
       or ("accounts"."kind" = 'support_agent' and "accounts"."user_id" is null and "accounts"."partner_id" is null))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"principal_type" text NOT NULL,
	"user_id" text,
	"partner_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	CONSTRAINT "api_keys_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "api_keys_one_principal" CHECK (("api_keys"."principal_type" = 'user' and "api_keys"."user_id" is not null and "api_keys"."partner_id" is null)
       or ("api_keys"."principal_type" = 'partner' and "api_keys"."partner_id" is not null and "api_keys"."user_id" is null)
       or ("api_keys"."principal_type" = 'console' and "api_keys"."user_id" is null and "api_keys"."partner_id" is null))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"chatroom_id" text,
	"action" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"on_behalf_of" text,
	"impersonator_type" text,
	"impersonator_id" text,
	"note" text,
	"request_id" text,
	"changes" jsonb NOT NULL,
	"details" jsonb,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "audit_events_note_length" CHECK ("audit_events"."note" is null or char_length("audit_events"."note") <= 500)
);
--> statement-breakpoint
CREATE TABLE "chatroom_members" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"chatroom_id" text NOT NULL,
	"user_id" text NOT NULL,
	"granted_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "chatrooms" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"contact_id" text NOT NULL,
	"remote_phone_id" text NOT NULL,
	"phone_number" text NOT NULL,
	"display_name" text NOT NULL,
	"display_name_derived" boolean NOT NULL,
	"external_ref_id" text NOT NULL,
	"history_visibility" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_activity_at" timestamp (3) with time zone NOT NULL,
	"expiry_ts" timestamp (3) with time zone NOT NULL,
	"inactivity_deadline" timestamp (3) with time zone NOT NULL,
	"deactivated_at" timestamp (3) with time zone,
	"deactivation_reason" text,
	"expired_at" timestamp (3) with time zone,
	"handover_at" timestamp (3) with time zone,
	CONSTRAINT "chatrooms_external_ref_id_unique" UNIQUE("external_ref_id"),
	CONSTRAINT "chatrooms_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "chatrooms_deactivation_consistent" CHECK (("chatrooms"."deactivated_at" is null) = ("chatrooms"."deactivation_reason" is null)),
	CONSTRAINT "chatrooms_deadlines_after_creation" CHECK ("chatrooms"."expiry_ts" > "chatrooms"."created_at")
);
--> statement-breakpoint
CREATE TABLE "conflict_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"phone_number" text NOT NULL,
	"contact_id" text,
	"error_code" text NOT NULL,
	"chatroom_ids" jsonb NOT NULL,
	"principal" jsonb NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_waba_mappings" (
	"contact_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"remote_phone_id" text NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"crm_id" text NOT NULL,
	"phone_number" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_org_id_crm_id_key" UNIQUE("org_id","crm_id"),
	CONSTRAINT "contacts_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "contacts_phone_e164" CHECK ("contacts"."phone_number" ~ '^\+[0-9]{8,15}$'),
	CONSTRAINT "contacts_crm_id_length" CHECK (char_length("contacts"."crm_id") between 1 and 128)
);
--> statement-breakpoint
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
CREATE TABLE "group_members" (
	"org_id" text NOT NULL,
	"group_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_picked_at" timestamp (3) with time zone,
	"last_pick_seq" bigint,
	CONSTRAINT "group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "groups_org_id_id_key" UNIQUE("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "idempotency_records" (
	"principal_key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_records_principal_key_method_path_idempotency_key_pk" PRIMARY KEY("principal_key","method","path","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"chatroom_id" text,
	"remote_phone_id" text NOT NULL,
	"phone_number" text NOT NULL,
	"direction" text NOT NULL,
	"whatsapp_message_id" text,
	"type" text NOT NULL,
	"text" text,
	"raw" jsonb,
	"sender_type" text NOT NULL,
	"sender_id" text,
	"received_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "messages_whatsapp_message_id_unique" UNIQUE("whatsapp_message_id")
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"inactivity_days" integer DEFAULT 7 NOT NULL,
	"expiry_days" integer DEFAULT 30 NOT NULL,
	"history_visibility" text DEFAULT 'shared' NOT NULL,
	"group_strategy" text DEFAULT 'ROUND_ROBIN' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_inactivity_days_range" CHECK ("orgs"."inactivity_days" between 1 and 3650),
	CONSTRAINT "orgs_expiry_days_range" CHECK ("orgs"."expiry_days" between 1 and 3650),
	CONSTRAINT "orgs_history_visibility_valid" CHECK ("orgs"."history_visibility" in ('shared', 'joined')),
	CONSTRAINT "orgs_group_strategy_valid" CHECK ("orgs"."group_strategy" in ('ROUND_ROBIN', 'LEAST_ACTIVE'))
);
--> statement-breakpoint
CREATE TABLE "partner_orgs" (
	"partner_id" text NOT NULL,
	"org_id" text NOT NULL,
	CONSTRAINT "partner_orgs_partner_id_org_id_pk" PRIMARY KEY("partner_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_assignments" (
	"chatroom_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"assign_mode" text NOT NULL,
	"user_id" text,
	"group_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "pending_assignments_target" CHECK (("pending_assignments"."assign_mode" = 'USER' and "pending_assignments"."user_id" is not null) or ("pending_assignments"."assign_mode" = 'GROUP' and "pending_assignments"."group_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "rate_limit_buckets" (
	"bucket_key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"refilled_at" timestamp (3) with time zone NOT NULL,
	"last_allowed" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_org_id_id_key" UNIQUE("org_id","id"),
	CONSTRAINT "users_role_valid" CHECK ("users"."role" in ('ADMIN', 'MEMBER'))
);
--> statement-breakpoint
CREATE TABLE "waba_phones" (
	"remote_phone_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"remote_waba_id" text NOT NULL,
	"display_phone_number" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "waba_phones_org_id_remote_phone_id_key" UNIQUE("org_id","remote_phone_id"),
	CONSTRAINT "waba_phones_org_id_position_key" UNIQUE("org_id","position")
);
--> statement-breakpoint
CREATE TABLE "wabas" (
	"remote_waba_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"matrix_host_name" text NOT NULL,
	CONSTRAINT "wabas_org_id_remote_waba_id_key" UNIQUE("org_id","remote_waba_id")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chatroom_members" ADD CONSTRAINT "chatroom_members_org_id_chatroom_id_chatrooms_org_id_id_fk" FOREIGN KEY ("org_id","chatroom_id") REFERENCES "public"."chatrooms"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chatroom_members" ADD CONSTRAINT "chatroom_members_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chatrooms" ADD CONSTRAINT "chatrooms_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chatrooms" ADD CONSTRAINT "chatrooms_org_id_remote_phone_id_waba_phones_org_id_remote_phone_id_fk" FOREIGN KEY ("org_id","remote_phone_id") REFERENCES "public"."waba_phones"("org_id","remote_phone_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conflict_log" ADD CONSTRAINT "conflict_log_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_waba_mappings" ADD CONSTRAINT "contact_waba_mappings_org_id_contact_id_contacts_org_id_id_fk" FOREIGN KEY ("org_id","contact_id") REFERENCES "public"."contacts"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_waba_mappings" ADD CONSTRAINT "contact_waba_mappings_org_id_remote_phone_id_waba_phones_org_id_remote_phone_id_fk" FOREIGN KEY ("org_id","remote_phone_id") REFERENCES "public"."waba_phones"("org_id","remote_phone_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_org_id_group_id_groups_org_id_id_fk" FOREIGN KEY ("org_id","group_id") REFERENCES "public"."groups"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_members" ADD CONSTRAINT "group_members_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "groups" ADD CONSTRAINT "groups_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_chatroom_id_chatrooms_org_id_id_fk" FOREIGN KEY ("org_id","chatroom_id") REFERENCES "public"."chatrooms"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_orgs" ADD CONSTRAINT "partner_orgs_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_orgs" ADD CONSTRAINT "partner_orgs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_assignments" ADD CONSTRAINT "pending_assignments_org_id_chatroom_id_chatrooms_org_id_id_fk" FOREIGN KEY ("org_id","chatroom_id") REFERENCES "public"."chatrooms"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_assignments" ADD CONSTRAINT "pending_assignments_org_id_user_id_users_org_id_id_fk" FOREIGN KEY ("org_id","user_id") REFERENCES "public"."users"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_assignments" ADD CONSTRAINT "pending_assignments_org_id_group_id_groups_org_id_id_fk" FOREIGN KEY ("org_id","group_id") REFERENCES "public"."groups"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waba_phones" ADD CONSTRAINT "waba_phones_org_id_remote_waba_id_wabas_org_id_remote_waba_id_fk" FOREIGN KEY ("org_id","remote_waba_id") REFERENCES "public"."wabas"("org_id","remote_waba_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wabas" ADD CONSTRAINT "wabas_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_email_idx" ON "accounts" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "audit_events_org_idx" ON "audit_events" USING btree ("org_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_events_chatroom_idx" ON "audit_events" USING btree ("chatroom_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE UNIQUE INDEX "chatroom_members_current_idx" ON "chatroom_members" USING btree ("chatroom_id","user_id") WHERE "chatroom_members"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "chatroom_members_user_idx" ON "chatroom_members" USING btree ("user_id") WHERE "chatroom_members"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "chatrooms_open_per_phone_idx" ON "chatrooms" USING btree ("org_id","remote_phone_id","phone_number") WHERE "chatrooms"."deactivated_at" is null and "chatrooms"."expired_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "chatrooms_open_per_contact_idx" ON "chatrooms" USING btree ("contact_id") WHERE "chatrooms"."deactivated_at" is null and "chatrooms"."expired_at" is null;--> statement-breakpoint
CREATE INDEX "chatrooms_org_created_idx" ON "chatrooms" USING btree ("org_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "chatrooms_org_activity_idx" ON "chatrooms" USING btree ("org_id","last_activity_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "chatrooms_org_number_idx" ON "chatrooms" USING btree ("org_id","phone_number");--> statement-breakpoint
CREATE INDEX "chatrooms_contact_created_idx" ON "chatrooms" USING btree ("contact_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "chatrooms_open_inactivity_idx" ON "chatrooms" USING btree ("inactivity_deadline") WHERE "chatrooms"."deactivated_at" is null and "chatrooms"."expired_at" is null;--> statement-breakpoint
CREATE INDEX "chatrooms_unexpired_expiry_idx" ON "chatrooms" USING btree ("expiry_ts") WHERE "chatrooms"."expired_at" is null;--> statement-breakpoint
CREATE INDEX "conflict_log_org_idx" ON "conflict_log" USING btree ("org_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conflict_log_phone_idx" ON "conflict_log" USING btree ("org_id","phone_number");--> statement-breakpoint
CREATE INDEX "contacts_org_phone_idx" ON "contacts" USING btree ("org_id","phone_number");--> statement-breakpoint
CREATE INDEX "dashboard_actions_chatroom_idx" ON "dashboard_actions" USING btree ("org_id","chatroom_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "dashboard_actions_account_idx" ON "dashboard_actions" USING btree ("account_id","id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "idempotency_records_created_idx" ON "idempotency_records" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "messages_chatroom_idx" ON "messages" USING btree ("chatroom_id","received_at","id");--> statement-breakpoint
CREATE INDEX "messages_unrouted_idx" ON "messages" USING btree ("org_id","received_at" DESC NULLS FIRST) WHERE "messages"."chatroom_id" is null;--> statement-breakpoint
CREATE INDEX "partner_orgs_org_idx" ON "partner_orgs" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_org_email_idx" ON "users" USING btree ("org_id",lower("email"));