import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  unique,
} from "drizzle-orm/pg-core";
import { SYSTEM_DEACTIVATION_REASONS, USER_DEACTIVATION_REASONS } from "@/lib/constants";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const orgs = pgTable(
  "orgs",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    inactivityDays: integer("inactivity_days").notNull().default(7),
    expiryDays: integer("expiry_days").notNull().default(30),
    historyVisibility: text("history_visibility", { enum: ["shared", "joined"] }).notNull().default("shared"),
    groupStrategy: text("group_strategy", { enum: ["ROUND_ROBIN", "LEAST_ACTIVE"] })
      .notNull()
      .default("ROUND_ROBIN"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("orgs_inactivity_days_range", sql`${t.inactivityDays} between 1 and 3650`),
    check("orgs_expiry_days_range", sql`${t.expiryDays} between 1 and 3650`),
    check("orgs_history_visibility_valid", sql`${t.historyVisibility} in ('shared', 'joined')`),
    check("orgs_group_strategy_valid", sql`${t.groupStrategy} in ('ROUND_ROBIN', 'LEAST_ACTIVE')`),
  ],
);

export const partners = pgTable("partners", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const partnerOrgs = pgTable(
  "partner_orgs",
  {
    partnerId: text("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.orgId] }), index("partner_orgs_org_idx").on(t.orgId)],
);

export const wabas = pgTable(
  "wabas",
  {
    remoteWabaId: text("remote_waba_id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    name: text("name").notNull(),
    matrixHostName: text("matrix_host_name").notNull(),
  },
  (t) => [unique("wabas_org_id_remote_waba_id_key").on(t.orgId, t.remoteWabaId)],
);

export const wabaPhones = pgTable(
  "waba_phones",
  {
    remotePhoneId: text("remote_phone_id").primaryKey(),
    orgId: text("org_id").notNull(),
    remoteWabaId: text("remote_waba_id").notNull(),
    displayPhoneNumber: text("display_phone_number").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.remoteWabaId], foreignColumns: [wabas.orgId, wabas.remoteWabaId] }),
    unique("waba_phones_org_id_remote_phone_id_key").on(t.orgId, t.remotePhoneId),
    unique("waba_phones_org_id_position_key").on(t.orgId, t.position),
  ],
);

export const contacts = pgTable(
  "contacts",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    crmId: text("crm_id").notNull(),
    phoneNumber: text("phone_number").notNull(),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    unique("contacts_org_id_crm_id_key").on(t.orgId, t.crmId),
    unique("contacts_org_id_id_key").on(t.orgId, t.id),
    index("contacts_org_phone_idx").on(t.orgId, t.phoneNumber),
    check("contacts_phone_e164", sql`${t.phoneNumber} ~ '^\\+[0-9]{8,15}$'`),
    check("contacts_crm_id_length", sql`char_length(${t.crmId}) between 1 and 128`),
  ],
);

/** I2: a contact has at most one mapping, enforced by the primary key. */
export const contactWabaMappings = pgTable(
  "contact_waba_mappings",
  {
    contactId: text("contact_id").primaryKey(),
    orgId: text("org_id").notNull(),
    remotePhoneId: text("remote_phone_id").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.orgId, t.remotePhoneId], foreignColumns: [wabaPhones.orgId, wabaPhones.remotePhoneId] }),
  ],
);

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["ADMIN", "MEMBER"] }).notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    unique("users_org_id_id_key").on(t.orgId, t.id),
    uniqueIndex("users_org_email_idx").on(t.orgId, sql`lower(${t.email})`),
    check("users_role_valid", sql`${t.role} in ('ADMIN', 'MEMBER')`),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    name: text("name").notNull(),
  },
  (t) => [unique("groups_org_id_id_key").on(t.orgId, t.id)],
);

export const groupMembers = pgTable(
  "group_members",
  {
    orgId: text("org_id").notNull(),
    groupId: text("group_id").notNull(),
    userId: text("user_id").notNull(),
    /** Fairness state of R19: when this member was last picked from this group, and in which order. */
    lastPickedAt: ts("last_picked_at"),
    lastPickSeq: bigint("last_pick_seq", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.groupId], foreignColumns: [groups.orgId, groups.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
  ],
);

export const chatrooms = pgTable(
  "chatrooms",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    contactId: text("contact_id").notNull(),
    remotePhoneId: text("remote_phone_id").notNull(),
    /** The contact's number at creation; the room keeps it. */
    phoneNumber: text("phone_number").notNull(),
    displayName: text("display_name").notNull(),
    /** True when display_name was derived from the contact (R13), so contact renames follow. */
    displayNameDerived: boolean("display_name_derived").notNull(),
    externalRefId: text("external_ref_id").notNull().unique(),
    historyVisibility: text("history_visibility", { enum: ["shared", "joined"] }).notNull(),
    createdAt: ts("created_at").notNull(),
    lastActivityAt: ts("last_activity_at").notNull(),
    /** R1, fixed at creation (adjusted only by R5). */
    expiryTs: ts("expiry_ts").notNull(),
    /** R2 projected deadline: last_activity_at + inactivity_days, floored by R5 config changes. */
    inactivityDeadline: ts("inactivity_deadline").notNull(),
    deactivatedAt: ts("deactivated_at"),
    deactivationReason: text("deactivation_reason", {
      enum: [...USER_DEACTIVATION_REASONS, ...SYSTEM_DEACTIVATION_REASONS],
    }),
    /** Set when the expiry lapse has been written out (R4); expiry is final. */
    expiredAt: ts("expired_at"),
    handoverAt: ts("handover_at"),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.contactId], foreignColumns: [contacts.orgId, contacts.id] }),
    foreignKey({ columns: [t.orgId, t.remotePhoneId], foreignColumns: [wabaPhones.orgId, wabaPhones.remotePhoneId] }),
    unique("chatrooms_org_id_id_key").on(t.orgId, t.id),
    // I1: at most one open chatroom per (org, WABA phone, phone number).
    uniqueIndex("chatrooms_open_per_phone_idx")
      .on(t.orgId, t.remotePhoneId, t.phoneNumber)
      .where(sql`${t.deactivatedAt} is null and ${t.expiredAt} is null`),
    // I2: at most one open chatroom per contact.
    uniqueIndex("chatrooms_open_per_contact_idx")
      .on(t.contactId)
      .where(sql`${t.deactivatedAt} is null and ${t.expiredAt} is null`),
    index("chatrooms_org_created_idx").on(t.orgId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("chatrooms_org_activity_idx").on(t.orgId, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The deadline sorts of the list (either direction: PostgreSQL walks a b-tree both ways).
    index("chatrooms_org_expiry_idx").on(t.orgId, t.expiryTs, t.id),
    index("chatrooms_org_deactivation_idx").on(t.orgId, sql`coalesce(${t.deactivatedAt}, ${t.inactivityDeadline})`, t.id),
    index("chatrooms_org_number_idx").on(t.orgId, t.phoneNumber),
    index("chatrooms_contact_created_idx").on(t.contactId, t.createdAt.desc().nullsFirst()),
    // The sweeper's queues (R4): open chatrooms by inactivity deadline, unexpired ones by expiry.
    index("chatrooms_open_inactivity_idx")
      .on(t.inactivityDeadline)
      .where(sql`${t.deactivatedAt} is null and ${t.expiredAt} is null`),
    index("chatrooms_unexpired_expiry_idx").on(t.expiryTs).where(sql`${t.expiredAt} is null`),
    // The overview's figures (lib/stats/overview.ts), index-only: open chatrooms by deadline, and closings by
    // the time a chatroom stops being active, with what tells a deactivation and its reason.
    index("chatrooms_org_open_idx")
      .on(t.orgId, t.inactivityDeadline, t.expiryTs, t.id)
      .where(sql`${t.deactivatedAt} is null and ${t.expiredAt} is null`),
    // The overview's live corrections to its counters: open chatrooms by expiry, for the "expiring soon"
    // count and, with chatrooms_org_open_idx, the open ones past a deadline not yet written out.
    index("chatrooms_org_open_expiry_idx")
      .on(t.orgId, t.expiryTs, t.inactivityDeadline, t.id)
      .where(sql`${t.deactivatedAt} is null and ${t.expiredAt} is null`),
    index("chatrooms_org_closing_idx").on(
      t.orgId,
      sql`least(coalesce(${t.deactivatedAt}, ${t.inactivityDeadline}), ${t.expiryTs})`,
      t.deactivatedAt,
      t.inactivityDeadline,
      t.expiryTs,
      t.deactivationReason,
    ),
    check(
      "chatrooms_deactivation_consistent",
      sql`(${t.deactivatedAt} is null) = (${t.deactivationReason} is null)`,
    ),
    check("chatrooms_deadlines_after_creation", sql`${t.expiryTs} > ${t.createdAt}`),
  ],
);

/** Access of users to chatrooms; a revoked grant is kept for history. */
export const chatroomMembers = pgTable(
  "chatroom_members",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: text("org_id").notNull(),
    chatroomId: text("chatroom_id").notNull(),
    userId: text("user_id").notNull(),
    grantedAt: ts("granted_at").notNull(),
    revokedAt: ts("revoked_at"),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.chatroomId], foreignColumns: [chatrooms.orgId, chatrooms.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    uniqueIndex("chatroom_members_current_idx").on(t.chatroomId, t.userId).where(sql`${t.revokedAt} is null`),
    index("chatroom_members_user_idx").on(t.userId).where(sql`${t.revokedAt} is null`),
  ],
);

/** An assignment waiting for the lead's next inbound message (R21); at most one per chatroom. */
export const pendingAssignments = pgTable(
  "pending_assignments",
  {
    chatroomId: text("chatroom_id").primaryKey(),
    orgId: text("org_id").notNull(),
    assignMode: text("assign_mode", { enum: ["USER", "GROUP"] }).notNull(),
    userId: text("user_id"),
    groupId: text("group_id"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.chatroomId], foreignColumns: [chatrooms.orgId, chatrooms.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.groupId], foreignColumns: [groups.orgId, groups.id] }),
    check(
      "pending_assignments_target",
      sql`(${t.assignMode} = 'USER' and ${t.userId} is not null) or (${t.assignMode} = 'GROUP' and ${t.groupId} is not null)`,
    ),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    /** Null for an inbound message that found no active chatroom (unrouted). */
    chatroomId: text("chatroom_id"),
    remotePhoneId: text("remote_phone_id").notNull(),
    phoneNumber: text("phone_number").notNull(),
    direction: text("direction", { enum: ["inbound", "outbound"] }).notNull(),
    whatsappMessageId: text("whatsapp_message_id").unique(),
    type: text("type").notNull(),
    text: text("text"),
    raw: jsonb("raw"),
    senderType: text("sender_type", { enum: ["lead", "user", "partner", "console", "system"] }).notNull(),
    senderId: text("sender_id"),
    receivedAt: ts("received_at").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId, t.chatroomId], foreignColumns: [chatrooms.orgId, chatrooms.id] }),
    index("messages_chatroom_idx").on(t.chatroomId, t.receivedAt, t.id),
    index("messages_unrouted_idx").on(t.orgId, t.receivedAt.desc().nullsFirst()).where(sql`${t.chatroomId} is null`),
  ],
);

/**
 * Messages of signed webhook deliveries that could not be stored (no id or sender, a NUL or a lone
 * surrogate, nesting too deep): kept here so that nothing a lead sent vanishes without a trace, while the
 * delivery's other messages are stored and Meta gets its 200. `payload` is the entry as JSON text, escaped.
 */
export const webhookRejections = pgTable(
  "webhook_rejections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The org of the business phone, when it is one of ours. */
    orgId: text("org_id").references(() => orgs.id),
    remotePhoneId: text("remote_phone_id"),
    /** Where in the delivery, e.g. `entry.0.changes.0.value.messages.3`. */
    location: text("location").notNull(),
    reason: text("reason").notNull(),
    payload: text("payload"),
    requestId: text("request_id").notNull(),
    receivedAt: ts("received_at").notNull(),
  },
  (t) => [index("webhook_rejections_received_idx").on(t.receivedAt)],
);

/** Append-only (a trigger refuses updates and deletes). */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    chatroomId: text("chatroom_id"),
    action: text("action").notNull(),
    actorType: text("actor_type", { enum: ["user", "partner", "console", "system"] }).notNull(),
    actorId: text("actor_id"),
    /**
     * The person: the dashboard sign-in account the console acted for (X-On-Behalf-Of). actor_type and
     * actor_id are then the rights the request ran with: that person's user, their partner, or (a support
     * agent) the console.
     */
    onBehalfOf: text("on_behalf_of"),
    impersonatorType: text("impersonator_type", { enum: ["user", "partner", "console"] }),
    impersonatorId: text("impersonator_id"),
    /** How the change came in, derived so that it cannot disagree with the columns it is read from. */
    channel: text("channel", { enum: ["api", "console", "system"] })
      .notNull()
      .generatedAlwaysAs(
        sql`case when actor_type = 'system' then 'system' when actor_type = 'console' or impersonator_type = 'console' or on_behalf_of is not null then 'console' else 'api' end`,
      ),
    note: text("note"),
    requestId: text("request_id"),
    /** The bulk job that made the change, when one did: every event of the job carries it. */
    bulkId: text("bulk_id"),
    changes: jsonb("changes").$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: ts("at").notNull(),
  },
  (t) => [
    index("audit_events_org_idx").on(t.orgId, t.id.desc().nullsFirst()),
    index("audit_events_chatroom_idx").on(t.chatroomId, t.id.desc().nullsFirst()),
    index("audit_events_bulk_idx").on(t.bulkId).where(sql`${t.bulkId} is not null`),
    foreignKey({ columns: [t.orgId, t.bulkId], foreignColumns: [bulkJobs.orgId, bulkJobs.id] }),
    check("audit_events_note_length", sql`${t.note} is null or char_length(${t.note}) <= 500`),
  ],
);

/** R25: every 409 of R9-R11 and R16, for the dashboard's conflicts page. */
export const conflictLog = pgTable(
  "conflict_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    phoneNumber: text("phone_number").notNull(),
    contactId: text("contact_id"),
    errorCode: text("error_code").notNull(),
    chatroomIds: jsonb("chatroom_ids").$type<string[]>().notNull(),
    principal: jsonb("principal").$type<Record<string, unknown>>().notNull(),
    at: ts("at").notNull(),
  },
  (t) => [
    index("conflict_log_org_idx").on(t.orgId, t.id.desc().nullsFirst()),
    index("conflict_log_phone_idx").on(t.orgId, t.phoneNumber),
    // The sweeper's purge of entries past CONFLICT_RETENTION_DAYS.
    index("conflict_log_at_idx").on(t.at),
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull().unique(),
    principalType: text("principal_type", { enum: ["user", "partner", "console"] }).notNull(),
    userId: text("user_id").references(() => users.id),
    partnerId: text("partner_id").references(() => partners.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    revokedAt: ts("revoked_at"),
    lastUsedAt: ts("last_used_at"),
    /**
     * Set on the console keys each server instance makes for its own dashboard: the instance renews it
     * while it runs, and one left behind by a stopped instance lapses and is deleted by the sweeper.
     */
    expiresAt: ts("expires_at"),
  },
  (t) => [
    check(
      "api_keys_one_principal",
      sql`(${t.principalType} = 'user' and ${t.userId} is not null and ${t.partnerId} is null)
       or (${t.principalType} = 'partner' and ${t.partnerId} is not null and ${t.userId} is null)
       or (${t.principalType} = 'console' and ${t.userId} is null and ${t.partnerId} is null)`,
    ),
  ],
);

/** Dashboard sign-in accounts: org users with a password, partner members and support agents. */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["org_user", "partner_member", "support_agent"] }).notNull(),
    passwordHash: text("password_hash"),
    userId: text("user_id").references(() => users.id),
    partnerId: text("partner_id").references(() => partners.id),
    createdAt: ts("created_at").notNull().defaultNow(),
    /**
     * Every dashboard session carries the version it was signed in at and ends when this moves on: "sign out
     * everywhere", and (by triggers, whatever makes the change) a new password or the user disabled.
     */
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [
    uniqueIndex("accounts_email_idx").on(sql`lower(${t.email})`),
    check(
      "accounts_kind_links",
      sql`(${t.kind} = 'org_user' and ${t.userId} is not null and ${t.partnerId} is null)
       or (${t.kind} = 'partner_member' and ${t.partnerId} is not null and ${t.userId} is null)
       or (${t.kind} = 'support_agent' and ${t.userId} is null and ${t.partnerId} is null)`,
    ),
  ],
);

export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    /** sha256 of (principal, method, canonical path, Idempotency-Key): fixed size, however long the path. */
    scopeHash: text("scope_hash").primaryKey(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [index("idempotency_records_created_idx").on(t.createdAt)],
);

export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  bucketKey: text("bucket_key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: ts("refilled_at").notNull(),
  /** Whether the last request taken from this bucket was allowed: read back in the same statement. */
  lastAllowed: boolean("last_allowed").notNull(),
  /**
   * How many tokens that last take got: 0 when refused, more than 1 when a busy process took a few ahead for
   * itself (lib/api/token-reserve.ts). Read back in the same statement: the new row alone cannot tell.
   */
  lastTaken: integer("last_taken").notNull().default(1),
  /**
   * When the bucket is full again if nothing more is taken: from then on the row means what no row means,
   * and the sweeper deletes it. (No index: the row changes on every request, and an index would stop
   * those updates being HOT; the purge scans this small table instead.)
   */
  fullAt: ts("full_at").notNull().defaultNow(),
});

/** Dashboard sessions signed out before they expired: their cookies, if copied, are refused until then. */
export const revokedSessions = pgTable("revoked_sessions", {
  sessionId: text("session_id").primaryKey(),
  /** When the session would have ended anyway; the sweeper deletes the row after it. */
  expiresAt: ts("expires_at").notNull(),
});

/**
 * The dashboard's own record of what each signed-in person did through it (docs/architecture.md, "A dashboard
 * action"), kept also when the API it talks to is the upstream one.
 */
export const dashboardActions = pgTable(
  "dashboard_actions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: text("account_id").notNull(),
    accountEmail: text("account_email").notNull(),
    orgId: text("org_id").notNull(),
    chatroomId: text("chatroom_id"),
    action: text("action").notNull(),
    /** What was sent (never a secret): the operation's parameters. */
    request: jsonb("request").$type<Record<string, unknown>>().notNull(),
    note: text("note"),
    /** The API's answer: HTTP status, and the error name or the chatroom it returned. */
    status: integer("status").notNull(),
    outcome: text("outcome").notNull(),
    /** The API's x-request-id of the answer: the timeline joins this record to the API's audit events by it. */
    requestId: text("request_id"),
    at: ts("at").notNull(),
  },
  (t) => [
    index("dashboard_actions_chatroom_idx").on(t.orgId, t.chatroomId, t.id.desc().nullsFirst()),
    index("dashboard_actions_account_idx").on(t.accountId, t.id.desc().nullsFirst()),
  ],
);

/**
 * Chatroom list views a person saved under a name: the list's URL query (filters and sort, canonical, no
 * page), per person and org. Names are unique per person and org whatever their case.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    /** No foreign key: the org may live on an upstream API, as for dashboard_actions. */
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("saved_views_name_idx").on(t.accountId, t.orgId, sql`lower(${t.name})`),
    check("saved_views_name_length", sql`char_length(${t.name}) between 1 and 60 and ${t.name} = btrim(${t.name})`),
    check("saved_views_query_length", sql`char_length(${t.query}) <= 1000`),
  ],
);

/**
 * The org's event stream: one row per audit event, stored message and conflict-log entry, written by
 * triggers in the transaction of the change (migration `events_from_changes`). Readers see an event only
 * once every transaction older than its own has ended, and read in (xact, id) order, so that a reader
 * never skips an event that commits after a later one.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The writing transaction's id (`pg_current_xact_id()`). */
    xact: bigint("xact", { mode: "number" })
      .notNull()
      .default(sql`(pg_current_xact_id()::text)::bigint`),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    type: text("type").notNull(),
    chatroomId: text("chatroom_id"),
    actor: jsonb("actor").$type<Record<string, unknown>>().notNull(),
    occurredAt: ts("occurred_at").notNull(),
    /** The chatroom detail after the change, the message, the conflict entry, the config or the contact. */
    data: json("data").$type<Record<string, unknown>>().notNull(),
    /** When the database stored it (its own clock): what retention counts from. */
    recordedAt: ts("recorded_at").notNull().defaultNow(),
  },
  (t) => [
    // What a delivery's foreign key names, so that it carries org_id like every other (docs/scaling.md).
    unique("events_org_id_id_key").on(t.orgId, t.id),
    index("events_org_position_idx").on(t.orgId, t.xact, t.id),
    // The stream's watcher: which orgs have events that became visible since it last looked.
    index("events_xact_idx").on(t.xact),
    index("events_recorded_idx").on(t.recordedAt),
  ],
);

/** Outbound webhooks of an org: where to POST which event types, signed with `secret`. */
export const webhookSubscriptions = pgTable(
  "webhook_subscriptions",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    url: text("url").notNull(),
    types: text("types").array().notNull(),
    description: text("description").notNull().default(""),
    /** The HMAC key of the signatures: shown once at creation, kept in clear because signing needs it. */
    secret: text("secret").notNull(),
    disabledAt: ts("disabled_at"),
    disabledReason: text("disabled_reason", { enum: ["requested", "failing"] }),
    /** The first failed delivery since the last success; three days of it disable the subscription. */
    failingSince: ts("failing_since"),
    /** The last event position (xact, id) turned into deliveries. */
    cursorXact: bigint("cursor_xact", { mode: "number" }).notNull(),
    cursorEventId: bigint("cursor_event_id", { mode: "number" }).notNull(),
    /**
     * The snapshot (`pg_snapshot` text) taken when the subscription was made or enabled again: events it
     * shows as committed came before, and are passed over although the cursor starts below them.
     */
    startSnapshot: text("start_snapshot"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    unique("webhook_subscriptions_org_id_id_key").on(t.orgId, t.id),
    index("webhook_subscriptions_org_idx").on(t.orgId, t.createdAt),
    check("webhook_subscriptions_disabled_consistent", sql`(${t.disabledAt} is null) = (${t.disabledReason} is null)`),
    check("webhook_subscriptions_types_not_empty", sql`cardinality(${t.types}) > 0`),
  ],
);

/** One POST of one event (or a ping) to one subscription, with its retries. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: text("org_id").notNull(),
    subscriptionId: text("subscription_id").notNull(),
    /** Null for a ping. */
    eventId: bigint("event_id", { mode: "number" }),
    /** The event's transaction id: with event_id, its place in the chatroom's order. */
    eventXact: bigint("event_xact", { mode: "number" }),
    eventType: text("event_type").notNull(),
    chatroomId: text("chatroom_id"),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull(),
    /** Set while a worker is sending it, so that no other worker sends it too. */
    leasedUntil: ts("leased_until"),
    lastAttemptAt: ts("last_attempt_at"),
    responseStatus: integer("response_status"),
    responseLatencyMs: integer("response_latency_ms"),
    /** The start of the receiver's answer (at most 1 KiB), or why there was none. */
    responseBody: text("response_body"),
    error: text("error"),
    redeliveryOf: bigint("redelivery_of", { mode: "number" }),
    createdAt: ts("created_at").notNull(),
    settledAt: ts("settled_at"),
  },
  (t) => [
    foreignKey({
      columns: [t.orgId, t.subscriptionId],
      foreignColumns: [webhookSubscriptions.orgId, webhookSubscriptions.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.eventId], foreignColumns: [events.orgId, events.id] }).onDelete("cascade"),
    // At most one automatic delivery of an event per subscription, whatever the workers do.
    uniqueIndex("webhook_deliveries_event_once_idx")
      .on(t.subscriptionId, t.eventId)
      .where(sql`${t.redeliveryOf} is null`),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt, t.id).where(sql`${t.status} = 'pending'`),
    // Per-chatroom order: a delivery waits while an earlier one of its chatroom is pending.
    index("webhook_deliveries_chatroom_order_idx")
      .on(t.subscriptionId, t.chatroomId, t.eventXact, t.eventId)
      .where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_subscription_idx").on(t.subscriptionId, t.id.desc().nullsFirst()),
    index("webhook_deliveries_created_idx").on(t.createdAt),
    check("webhook_deliveries_event_or_ping", sql`(${t.eventId} is null) = (${t.eventType} = 'ping')`),
  ],
);

/**
 * The overview's counters (lib/stats/overview.ts), written only by triggers in the transaction of each change
 * (migration `stats_rollup_triggers`). Rows are deltas: a figure is the sum of its rows, writers only insert
 * (so they never wait for each other on a counter), and the sweeper folds each figure's rows into one.
 * Hourly metrics (`hour` set): chatrooms created, chatrooms by expiry, chatrooms closed in the database by
 * the time they stopped being active (`key`: the deactivation reason, '' when expiry came first) and
 * conflict-log entries. Current metrics (`hour` null) count open chatrooms: all, with a pending handover,
 * unassigned, and held per user (`key`: the user id).
 */
export const statsCounts = pgTable(
  "stats_counts",
  {
    orgId: text("org_id").notNull(),
    metric: text("metric", { enum: ["opened", "expiry", "closed", "conflicts", "open", "pending_handover", "unassigned", "held"] }).notNull(),
    hour: ts("hour"),
    key: text("key").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [index("stats_counts_figure_idx").on(t.orgId, t.metric, t.hour, t.key)],
);

/**
 * What each open chatroom adds to the current metrics of `stats_counts` ('open', 'pending_handover',
 * 'unassigned', 'held:<user id>'), kept by the same triggers: the state a change is compared with.
 */
export const chatroomStatKeys = pgTable(
  "chatroom_stat_keys",
  {
    orgId: text("org_id").notNull(),
    chatroomId: text("chatroom_id").notNull(),
    keys: text("keys").array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.chatroomId] })],
);

/**
 * A bulk action over chatrooms (reassign or deactivate), run as a job in batches by the server's runner.
 * The rooms it covers are chosen at creation: a row of bulk_job_results each, in chatroom id order.
 */
export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => orgs.id),
    action: text("action", { enum: ["reassign", "deactivate"] }).notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    /** The chatrooms list's filter the rooms were chosen by, or null when they were named by id. */
    filter: jsonb("filter").$type<Record<string, unknown>>(),
    /** Who asked: the request's actor, note and id, carried into every audit event of the job (R24). */
    actor: jsonb("actor").$type<Record<string, unknown>>().notNull(),
    note: text("note"),
    requestId: text("request_id").notNull(),
    status: text("status", { enum: ["queued", "running", "done", "cancelled", "failed"] }).notNull(),
    /** The last chatroom id processed: the next batch starts after it. */
    cursor: text("cursor"),
    total: integer("total").notNull(),
    done: integer("done").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** Why the job failed as a whole (a failure of one room is in its result instead). */
    error: text("error"),
    createdAt: ts("created_at").notNull(),
    startedAt: ts("started_at"),
    finishedAt: ts("finished_at"),
  },
  (t) => [
    unique("bulk_jobs_org_id_id_key").on(t.orgId, t.id),
    index("bulk_jobs_org_idx").on(t.orgId, t.createdAt),
    index("bulk_jobs_unfinished_idx").on(t.createdAt, t.id).where(sql`${t.status} in ('queued', 'running')`),
    check("bulk_jobs_counts", sql`${t.done} >= 0 and ${t.skipped} >= 0 and ${t.failed} >= 0 and ${t.done} + ${t.skipped} + ${t.failed} <= ${t.total}`),
    check("bulk_jobs_finished", sql`(${t.finishedAt} is null) = (${t.status} in ('queued', 'running'))`),
  ],
);

/** One chatroom of a bulk job: unprocessed (outcome null) until its batch commits. */
export const bulkJobResults = pgTable(
  "bulk_job_results",
  {
    jobId: text("job_id").notNull(),
    orgId: text("org_id").notNull(),
    chatroomId: text("chatroom_id").notNull(),
    outcome: text("outcome", { enum: ["done", "skipped", "failed"] }),
    /** A skip's reason (expired, already_deactivated, ...) or a failure's error code. */
    reason: text("reason"),
    processedAt: ts("processed_at"),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.chatroomId] }),
    foreignKey({ columns: [t.orgId, t.jobId], foreignColumns: [bulkJobs.orgId, bulkJobs.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.orgId, t.chatroomId], foreignColumns: [chatrooms.orgId, chatrooms.id] }),
    check("bulk_job_results_processed", sql`(${t.outcome} is null) = (${t.processedAt} is null)`),
  ],
);
