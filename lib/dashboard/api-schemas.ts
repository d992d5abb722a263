import { z } from "zod";
import { chatroomDetailSchema, chatroomObjectSchema, conflictEntrySchema } from "@/lib/chatrooms/schemas";
import { contactSchema } from "@/lib/contacts/schemas";
import { orgConfigSchema } from "@/lib/orgs/schemas";

/**
 * What the dashboard expects back from the chatroom API, built from the schemas the API itself uses. Used to
 * check every answer, so that a server of the contract that answers something else is reported, not trusted.
 */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const orgSchema = z.object({ id: z.string(), name: z.string() });
export const orgListSchema = z.object({ items: z.array(orgSchema) });

export const chatroomPageSchema = pageOf(chatroomDetailSchema);
export const contactPageSchema = pageOf(contactSchema);

export const auditEventSchema = z.object({
  id: z.string(),
  chatroom_id: z.string().nullable(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), on_behalf_of: z.string().nullable() }),
  impersonator: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  request_id: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  at: z.string(),
});
export const auditPageSchema = pageOf(auditEventSchema);

export const conflictLogEntrySchema = z.object({
  id: z.string(),
  phone_number: z.string(),
  contact_id: z.string().nullable(),
  error_code: z.string(),
  at: z.string(),
  conflicts: z.array(conflictEntrySchema),
});
export const conflictLogPageSchema = pageOf(conflictLogEntrySchema);

export const wabaSchema = z.object({
  remote_waba_id: z.string(),
  name: z.string(),
  matrix_host_name: z.string(),
  phones: z.array(z.object({ remote_phone_id: z.string(), display_phone_number: z.string(), position: z.number() })),
});
export const wabaListSchema = z.object({ items: z.array(wabaSchema) });
export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(["ADMIN", "MEMBER"]), active: z.boolean() });
export const userListSchema = z.object({ items: z.array(userSchema) });
export const groupSchema = z.object({ id: z.string(), name: z.string(), members: z.array(z.string()) });
export const groupListSchema = z.object({ items: z.array(groupSchema) });

/**
 * Messages are an extension (R22, R23) whose item shape the dashboard reads leniently: only an id is
 * required; the time is `received_at`, else `at` or `created_at`.
 */
export const messageSchema = z
  .looseObject({
    id: z.string(),
    direction: z.string().optional(),
    text: z.string().nullable().optional(),
    type: z.string().optional(),
    sender_type: z.string().optional(),
    sender_id: z.string().nullable().optional(),
    received_at: z.string().optional(),
    at: z.string().optional(),
    created_at: z.string().optional(),
  })
  .transform((message) => ({ ...message, received_at: message.received_at ?? message.at ?? message.created_at ?? null }));
export const messagePageSchema = z.object({ items: z.array(messageSchema), next_cursor: z.string().nullable().optional() });

export { chatroomDetailSchema, chatroomObjectSchema, orgConfigSchema };

export type Org = z.infer<typeof orgSchema>;
export type ChatroomDetail = z.infer<typeof chatroomDetailSchema>;
export type ChatroomObject = z.infer<typeof chatroomObjectSchema>;
export type ConflictEntry = z.infer<typeof conflictEntrySchema>;
export type Contact = z.infer<typeof contactSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type ConflictLogEntry = z.infer<typeof conflictLogEntrySchema>;
export type Waba = z.infer<typeof wabaSchema>;
export type OrgUser = z.infer<typeof userSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Message = z.infer<typeof messageSchema>;
export type OrgConfig = z.infer<typeof orgConfigSchema>;
export type Page<T> = { items: T[]; next_cursor: string | null };
