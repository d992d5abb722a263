import { z } from "zod";
import { pageQuerySchema, pageSchema } from "@/lib/pagination";
import { USER_DEACTIVATION_REASONS } from "@/lib/constants";
import { queryFlag } from "@/lib/query-flags";
import type { AssignmentRequest } from "./assignment";
import type { CreateChatroomInput } from "./service";

/** Request and response schemas of the chatroom endpoints: used by the API, the forms and the OpenAPI document. */

const id = z.string().min(1, "must not be empty").max(128, "must be at most 128 characters");

const assignModeSchema = z.enum(["USER", "GROUP"]);

const assignDetailsSchema = z
  .object({
    assign_mode: assignModeSchema,
    user_id: id.optional(),
    group_id: id.optional(),
    assign_on_handover: z.boolean().default(false),
  })
  .superRefine((value, ctx) => {
    // R18: the mode decides which id is needed; the other one is ignored.
    if (value.assign_mode === "USER" && value.user_id === undefined) {
      ctx.addIssue({ code: "custom", path: ["user_id"], message: "is required when assign_mode is USER" });
    }
    if (value.assign_mode === "GROUP" && value.group_id === undefined) {
      ctx.addIssue({ code: "custom", path: ["group_id"], message: "is required when assign_mode is GROUP" });
    }
  });

export type AssignDetails = z.infer<typeof assignDetailsSchema>;

export function toAssignmentRequest(details: AssignDetails): AssignmentRequest {
  return details.assign_mode === "USER"
    ? { mode: "USER", userId: details.user_id, onHandover: details.assign_on_handover }
    : { mode: "GROUP", groupId: details.group_id, onHandover: details.assign_on_handover };
}

const displayName = z.string().max(256, "must be at most 256 characters");

/** Both spellings of the fail flag are read by both versions; both given with different values is a 400. */
const failFlags = {
  fail_if_chatroom_exists_on_other_waba_phone: z.boolean().optional(),
  fail_if_chatroom_exists_on_other_wabaphone: z.boolean().optional(),
};

function checkFailFlags(
  value: { fail_if_chatroom_exists_on_other_waba_phone?: boolean; fail_if_chatroom_exists_on_other_wabaphone?: boolean },
  ctx: z.RefinementCtx,
) {
  const v3 = value.fail_if_chatroom_exists_on_other_waba_phone;
  const v2 = value.fail_if_chatroom_exists_on_other_wabaphone;
  if (v3 !== undefined && v2 !== undefined && v3 !== v2) {
    ctx.addIssue({
      code: "custom",
      path: ["fail_if_chatroom_exists_on_other_waba_phone"],
      message: "both spellings of the fail flag were given with different values",
    });
  }
}

function failFlag(value: { fail_if_chatroom_exists_on_other_waba_phone?: boolean; fail_if_chatroom_exists_on_other_wabaphone?: boolean }) {
  return value.fail_if_chatroom_exists_on_other_waba_phone ?? value.fail_if_chatroom_exists_on_other_wabaphone ?? true;
}

export const createChatroomV3BodySchema = z
  .object({
    lead_id: id,
    display_name: displayName.optional().meta({ deprecated: true }),
    remote_waba_id: id.optional(),
    remote_phone_id: id.optional(),
    force_deactivate: z.boolean().default(false),
    ...failFlags,
    assign_details: assignDetailsSchema.optional(),
  })
  .superRefine(checkFailFlags);

export const createChatroomV2BodySchema = z
  .object({
    user_id: id,
    contact_id: id,
    display_name: displayName.optional(),
    remote_waba_id: id.optional(),
    remote_phone_id: id.optional(),
    ...failFlags,
    assign_on_handover: z.boolean().default(false),
  })
  .superRefine(checkFailFlags);

export function createInputFromV3(body: z.infer<typeof createChatroomV3BodySchema>): CreateChatroomInput {
  return {
    leadId: body.lead_id,
    remoteWabaId: body.remote_waba_id,
    remotePhoneId: body.remote_phone_id,
    forceDeactivate: body.force_deactivate,
    failIfExistsOnOtherPhone: failFlag(body),
    displayName: body.display_name,
    assignment: body.assign_details ? toAssignmentRequest(body.assign_details) : undefined,
  };
}

export function createInputFromV2(body: z.infer<typeof createChatroomV2BodySchema>): CreateChatroomInput {
  return {
    leadId: body.contact_id,
    remoteWabaId: body.remote_waba_id,
    remotePhoneId: body.remote_phone_id,
    forceDeactivate: false,
    failIfExistsOnOtherPhone: failFlag(body),
    displayName: body.display_name,
    assignment: { mode: "USER", userId: body.user_id, onHandover: body.assign_on_handover },
  };
}

export const reassignV3BodySchema = z.object({ assign_details: assignDetailsSchema });
export const reassignV2BodySchema = z.object({ user_id: id });

export const userDeactivationReasonSchema = z.enum(USER_DEACTIVATION_REASONS);

export const deactivateBodySchema = z.object({
  deactivation_reason: z
    .string()
    .pipe(userDeactivationReasonSchema)
    .default("AGENT_REQUEST")
    .describe("INACTIVITY, FORCE_NEW_CHATROOM and FORCE_ACTIVATION are the system's own reasons and are refused."),
});

export const activateQuerySchema = z.object({
  force_deactivate: queryFlag(false),
});

const isoTimestamp = z.string().describe("ISO-8601 UTC with milliseconds");

export const chatroomObjectSchema = z.object({
  chatroom_id: z.string(),
  external_ref_id: z.string(),
  is_existing: z.boolean(),
  is_deactivated: z.boolean(),
  is_expired: z.boolean(),
  expiry_ts: isoTimestamp,
  deactivation_ts: isoTimestamp,
});

const wabaRefSchema = z.object({ remote_waba_id: z.string(), matrix_host_name: z.string(), name: z.string() });

export const chatroomByContactSchema = chatroomObjectSchema.extend({ waba: wabaRefSchema });

const chatroomStatusSchema = z.enum(["active", "deactivated", "expired"]);

const pendingAssignmentSchema = z
  .object({ assign_mode: assignModeSchema, user_id: z.string().nullable(), group_id: z.string().nullable() })
  .nullable();

export const chatroomDetailSchema = chatroomObjectSchema.extend({
  contact_id: z.string(),
  crm_id: z.string(),
  phone_number: z.string(),
  display_name: z.string(),
  remote_waba_id: z.string(),
  remote_phone_id: z.string(),
  status: chatroomStatusSchema,
  deactivation_reason: z.string().nullable(),
  created_at: isoTimestamp,
  last_activity_at: isoTimestamp,
  history_visibility: z.enum(["shared", "joined"]),
  handover_at: isoTimestamp.nullable(),
  members: z.array(z.object({ user_id: z.string(), granted_at: isoTimestamp })),
  pending_assignment: pendingAssignmentSchema,
});

export const conflictEntrySchema = z.object({
  chatroom_id: z.string(),
  contact_id: z.string(),
  crm_id: z.string(),
  phone_number: z.string(),
  remote_waba_id: z.string(),
  remote_phone_id: z.string(),
  status: chatroomStatusSchema,
  assignee_user_id: z.string().nullable(),
  pending_assignment: pendingAssignmentSchema,
  last_activity_at: isoTimestamp,
});

/** What the chatroom list can be sorted by: the two times of the upstream contract, and the two deadlines. */
export const chatroomSortSchema = z.enum(["created", "activity", "expiry", "deactivation"]);
export const sortOrderSchema = z.enum(["asc", "desc"]);

/** A list's total up to this many is exact; beyond it the answer says "at least", so a huge org stays fast. */
export const EXACT_TOTAL_LIMIT = 10_000;

/** The chatrooms list's filters: its query parameters, and a bulk action's `filter` (the same values). */
const chatroomFilterShape = {
  status: chatroomStatusSchema.optional(),
  q: z.string().max(128).optional(),
  phone: z.string().max(32).optional(),
  contact_id: z.string().max(128).optional(),
  remote_phone_id: z.string().max(128).optional(),
  assignee: z.string().max(128).optional(),
  pending_handover: queryFlag().optional().describe("true: only chatrooms with a pending handover assignment (R21)"),
  unassigned: queryFlag().optional().describe("true: only chatrooms with no current member and no pending assignment"),
  expiring_within_hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(8760)
    .optional()
    .describe("only active chatrooms whose expiry (R1) falls within this many hours from now"),
};

/** A filter in a body: an unknown key is refused, since ignoring it would widen the rooms a change reaches. */
export const chatroomFilterSchema = z.strictObject(chatroomFilterShape);

export type ChatroomFilterQuery = z.output<typeof chatroomFilterSchema>;

export function toChatroomFilter(query: ChatroomFilterQuery) {
  return {
    status: query.status,
    q: query.q,
    phone: query.phone,
    contactId: query.contact_id,
    remotePhoneId: query.remote_phone_id,
    assignee: query.assignee,
    pendingHandover: query.pending_handover,
    unassigned: query.unassigned,
    expiringWithinHours: query.expiring_within_hours,
  };
}

export const listChatroomsQuerySchema = pageQuerySchema.extend({
  ...chatroomFilterShape,
  sort: chatroomSortSchema
    .default("created")
    .describe("created_at, last_activity_at, expiry_ts or deactivation_ts (R6); ties by chatroom id"),
  order: sortOrderSchema
    .optional()
    .describe("default desc (newest first) for created and activity, asc (soonest first) for expiry and deactivation"),
});

export const chatroomListPageSchema = pageSchema(chatroomDetailSchema).extend({
  prev_cursor: z.string().nullable().describe("the page before this one; null on the first page"),
  total: z
    .object({ count: z.number().int(), exact: z.boolean() })
    .describe(`chatrooms matching the filters: exact up to ${EXACT_TOTAL_LIMIT}; beyond it count is ${EXACT_TOTAL_LIMIT} and exact is false`),
});

export const listConflictsQuerySchema = pageQuerySchema.extend({ phone: z.string().max(32).optional() });

export const listAuditQuerySchema = pageQuerySchema.extend({
  chatroom_id: z.string().max(128).optional(),
  actor: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  bulk_id: z.string().max(128).optional().describe("only the changes of this bulk job"),
});

export const conflictLogEntrySchema = z.object({
  id: z.string(),
  phone_number: z.string(),
  contact_id: z.string().nullable(),
  error_code: z.string(),
  principal: z.record(z.string(), z.unknown()),
  at: isoTimestamp,
  conflicts: z.array(conflictEntrySchema).describe("the conflicting chatrooms as they are now"),
});
