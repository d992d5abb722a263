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
    /** The signed-in person the console acted for (X-On-Behalf-Of). */
    onBehalfOf: text("on_behalf_of"),
    impersonatorType: text("impersonator_type", { enum: ["user", "partner", "console"] }),
    impersonatorId: text("impersonator_id"),
    note: text("note"),
    requestId: text("request_id"),
    changes: jsonb("changes").$type<Record<string, { before: unknown; after: unknown }>>().notNull(),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: ts("at").notNull(),
  },
  (t) => [
    index("audit_events_org_idx").on(t.orgId, t.id.desc().nullsFirst()),
    index("audit_events_chatroom_idx").on(t.chatroomId, t.id.desc().nullsFirst()),
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
  (t) => [index("conflict_log_org_idx").on(t.orgId, t.id.desc().nullsFirst()), index("conflict_log_phone_idx").on(t.orgId, t.phoneNumber)],
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
    principalKey: text("principal_key").notNull(),
    method: text("method").notNull(),
    path: text("path").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request is still running. */
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.principalKey, t.method, t.path, t.idempotencyKey] }),
    index("idempotency_records_created_idx").on(t.createdAt),
  ],
);

export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  bucketKey: text("bucket_key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  refilledAt: ts("refilled_at").notNull(),
  /** Whether the last request taken from this bucket was allowed: read back in the same statement. */
  lastAllowed: boolean("last_allowed").notNull(),
});

/**
 * The dashboard's own record of what each signed-in person did through it (dashboard.md: "every action a
 * person takes is recorded with who did it", also when the API it talks to is the upstream one).
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
