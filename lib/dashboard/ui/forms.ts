import { z } from "zod";
import {

  createChatroomV3BodySchema,
  deactivateBodySchema,
  reassignV3BodySchema,
  userDeactivationReasonSchema,
} from "@/lib/chatrooms/schemas";
import { createBulkBodySchema } from "@/lib/bulk/schemas";
import { EVENT_TYPES } from "@/lib/events/schemas";
import { updateOrgConfigBodySchema } from "@/lib/orgs/schemas";
import { createWebhookBodySchema } from "@/lib/webhooks/schemas";

/**
 * The dashboard's forms, built from the schemas the API validates with: the client checks the same rules
 * before sending, and the server action checks them again with the API's own body schemas.
 */

const auditNoteSchema = z.string().trim().max(500, "must be at most 500 characters");

const createShape = createChatroomV3BodySchema.shape;

/** Assignment fields as a form holds them: empty strings for "none chosen". */
const assignmentFields = {
  assign_mode: z.enum(["NONE", "USER", "GROUP"]),
  user_id: z.string(),
  group_id: z.string(),
  assign_on_handover: z.boolean(),
};

function checkAssignment(value: { assign_mode: string; user_id: string; group_id: string }, ctx: z.RefinementCtx) {
  if (value.assign_mode === "USER" && value.user_id === "") ctx.addIssue({ code: "custom", path: ["user_id"], message: "Choose a user" });
  if (value.assign_mode === "GROUP" && value.group_id === "") ctx.addIssue({ code: "custom", path: ["group_id"], message: "Choose a group" });
}

export const createChatroomFormSchema = z
  .object({
    lead_id: createShape.lead_id,
    remote_waba_id: z.string(),
    remote_phone_id: z.string(),
    force_deactivate: z.boolean(),
    fail_if_chatroom_exists_on_other_waba_phone: z.boolean(),
    ...assignmentFields,
    note: auditNoteSchema,
  })
  .superRefine(checkAssignment);
export type CreateChatroomForm = z.infer<typeof createChatroomFormSchema>;

const blank = (value: string) => (value === "" ? undefined : value);

function assignDetails(values: { assign_mode: string; user_id: string; group_id: string; assign_on_handover: boolean }) {
  if (values.assign_mode === "USER") return { assign_mode: "USER" as const, user_id: values.user_id, assign_on_handover: values.assign_on_handover };
  if (values.assign_mode === "GROUP") return { assign_mode: "GROUP" as const, group_id: values.group_id, assign_on_handover: values.assign_on_handover };
  return undefined;
}

/** The v3 create body of a filled form (then checked again with createChatroomV3BodySchema on the server). */
export function createBodyOf(values: CreateChatroomForm) {
  return {
    lead_id: values.lead_id,
    remote_waba_id: blank(values.remote_waba_id),
    remote_phone_id: blank(values.remote_phone_id),
    force_deactivate: values.force_deactivate,
    fail_if_chatroom_exists_on_other_waba_phone: values.fail_if_chatroom_exists_on_other_waba_phone,
    assign_details: assignDetails(values),
  };
}

export const createChatroomActionSchema = z.strictObject({ body: createChatroomV3BodySchema, note: auditNoteSchema.optional() });

export const reassignFormSchema = z
  .object({ ...assignmentFields, assign_mode: z.enum(["USER", "GROUP"]), note: auditNoteSchema })
  .superRefine(checkAssignment);
export type ReassignForm = z.infer<typeof reassignFormSchema>;

export function reassignBodyOf(values: ReassignForm) {
  return { assign_details: assignDetails(values)! };
}

export const reassignActionSchema = z.strictObject({ body: reassignV3BodySchema, note: auditNoteSchema.optional() });

export const deactivationReasons = userDeactivationReasonSchema.options;

export const deactivateFormSchema = z.object({
  deactivation_reason: userDeactivationReasonSchema,
  confirm: z.literal(true, { error: "Confirm that the chatroom should be deactivated" }),
  note: auditNoteSchema,
});
export type DeactivateForm = z.infer<typeof deactivateFormSchema>;

export const deactivateActionSchema = z.strictObject({ body: deactivateBodySchema, note: auditNoteSchema.optional() });

/** A bulk deactivation's form: the dry run that comes first is its confirmation. */
export const bulkDeactivateFormSchema = deactivateFormSchema.omit({ confirm: true });
export type BulkDeactivateForm = z.infer<typeof bulkDeactivateFormSchema>;

export const bulkActionSchema = z.strictObject({ body: createBulkBodySchema, note: auditNoteSchema.optional() });
/** A checked bulk body back in the API's input form: the filter's flags as the list's query writes them. */
export function bulkRequestOf(body: z.output<typeof createBulkBodySchema>) {
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? ("true" as const) : ("false" as const));
  const filter = body.filter && { ...body.filter, pending_handover: flag(body.filter.pending_handover), unassigned: flag(body.filter.unassigned) };
  return { ...body, filter };
}

export const cancelBulkActionSchema = z.strictObject({ note: auditNoteSchema.optional() });

export const activateActionSchema = z.strictObject({ force: z.boolean(), note: auditNoteSchema.optional() });

function days() {
  return z
    .number({ error: (issue) => (issue.code === "invalid_type" ? "Enter a number of days" : undefined) })
    .int("Enter whole days")
    .min(1, "Between 1 and 3650 days")
    .max(3650, "Between 1 and 3650 days");
}

export const settingsFormSchema = z.object({
  inactivity_days: days(),
  expiry_days: days(),
  history_visibility: z.enum(["shared", "joined"]),
  group_strategy: z.enum(["ROUND_ROBIN", "LEAST_ACTIVE"]),
});
export type SettingsForm = z.infer<typeof settingsFormSchema>;
export const settingsActionSchema = updateOrgConfigBodySchema.strict();

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export const webhookFormSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the address that receives the events")
    .max(2048, "Use an address of at most 2048 characters")
    .refine(isWebAddress, "Enter a web address that starts with https:// or http://"),
  description: z.string().trim().max(500, "Use at most 500 characters"),
  types: z.array(z.enum(EVENT_TYPES)).min(1, "Choose at least one kind of event"),
});
export type WebhookForm = z.infer<typeof webhookFormSchema>;
export const webhookActionSchema = createWebhookBodySchema.strict();
export const webhookUpdateActionSchema = z.strictObject({ enabled: z.boolean() });

/** A saved view's name, as a person types it and (with the API's wording) as the server action checks it. */
const SAVED_VIEW_NAME_MAX = 60;
export const savedViewFormSchema = z.object({
  name: z.string().trim().min(1, "Give the view a name").max(SAVED_VIEW_NAME_MAX, `Use at most ${SAVED_VIEW_NAME_MAX} characters`),
});
export type SavedViewForm = z.infer<typeof savedViewFormSchema>;
const savedViewNameSchema = z.string().trim().min(1, "must not be empty").max(SAVED_VIEW_NAME_MAX, `must be at most ${SAVED_VIEW_NAME_MAX} characters`);
export const saveViewActionSchema = z.strictObject({ name: savedViewNameSchema, query: z.string().max(1000) });
export const renameViewActionSchema = z.strictObject({ name: savedViewNameSchema });

const fieldLabels: Record<string, string> = {
  lead_id: "The contact",
  remote_waba_id: "The WABA",
  remote_phone_id: "The WABA phone",
  note: "The note",
  inactivity_days: "Inactivity",
  expiry_days: "Expiry",
  deactivation_reason: "The reason",
  url: "The address",
  types: "The event types",
  description: "The description",
  name: "The name",
};

const chooseOne: Record<string, string> = { user_id: "Choose a user.", group_id: "Choose a group.", lead_id: "Choose a contact." };

/** An API validation message ("must be at most 500 characters") as a sentence about the field. */
function inWords(field: string, message: string): string {
  if (chooseOne[field]) return chooseOne[field];
  const label = fieldLabels[field] ?? "This value";
  // A message that names parameters is for developers: say only that the value is not valid.
  if (/[_.]/.test(message)) return `${label} is not valid.`;
  return `${label} ${message}.`;
}

/** The API's validation issues (paths like `body.assign_details.user_id`) as form field errors in words. */
export function fieldErrorsOf(payload: Record<string, unknown>, fieldOf: (path: string) => string | undefined): Record<string, string> {
  const issues = Array.isArray(payload.issues) ? (payload.issues as { path?: unknown; message?: unknown }[]) : [];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    if (typeof issue.path !== "string" || typeof issue.message !== "string") continue;
    const field = fieldOf(issue.path.replace(/^body\./, ""));
    if (field && !errors[field]) errors[field] = inWords(field, issue.message);
  }
  return errors;
}

/** Form field of an API body path: the assignment's fields sit at the top of the forms. */
export function formFieldOf(path: string): string | undefined {
  if (path === "header.x-audit-note") return "note";
  const last = path.replace(/^assign_details\./, "");
  return last === "" ? undefined : last;
}
