import { z } from "zod";
import { auditEventSchema } from "@/lib/audit/schemas";
import {
  chatroomDetailSchema,
  chatroomObjectSchema,
  conflictEntrySchema,
  conflictLogEntrySchema,
} from "@/lib/chatrooms/schemas";
import { contactSchema } from "@/lib/contacts/schemas";
import { messageSchema } from "@/lib/messages/schemas";
import {
  groupSchema,
  orgConfigSchema,
  orgSummarySchema as orgSchema,
  userSchema,
  wabaSchema,
} from "@/lib/orgs/schemas";
import { pageSchema } from "@/lib/pagination";

/**
 * What the dashboard expects back from the chatroom API: the very schemas the API answers with. Every answer
 * is checked against them, so that a server of the contract that answers something else is reported, not
 * trusted.
 */
export const chatroomPageSchema = pageSchema(chatroomDetailSchema);
export const contactPageSchema = pageSchema(contactSchema);
export const orgListSchema = z.object({ items: z.array(orgSchema) });
export const auditPageSchema = pageSchema(auditEventSchema);
export const conflictLogPageSchema = pageSchema(conflictLogEntrySchema);
export const wabaListSchema = z.object({ items: z.array(wabaSchema) });
export const userListSchema = z.object({ items: z.array(userSchema) });
export const groupListSchema = z.object({ items: z.array(groupSchema) });
export const messagePageSchema = pageSchema(messageSchema);

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
