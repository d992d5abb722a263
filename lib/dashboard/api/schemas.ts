import { z } from "zod";
import type { endpoints } from "@/lib/api/endpoints";
import { auditEventSchema } from "@/lib/audit/schemas";
import { bulkJobDetailSchema, bulkJobSchema, createBulkResponseSchema } from "@/lib/bulk/schemas";
import {
  chatroomDetailSchema,
  chatroomListPageSchema,
  chatroomObjectSchema,
  conflictEntrySchema,
  conflictLogEntrySchema,
} from "@/lib/chatrooms/schemas";
import { contactSchema } from "@/lib/contacts/schemas";
import { messageSchema } from "@/lib/messages/schemas";
import { groupSchema, orgConfigSchema, orgSummarySchema, userSchema, wabaSchema } from "@/lib/orgs/schemas";
import { pageSchema } from "@/lib/pagination";
import { orgStatsSchema, orgsStatsSchema } from "@/lib/stats/schemas";
import { createdWebhookSchema, deliverySchema, webhookSchema } from "@/lib/webhooks/schemas";

type Catalog = typeof endpoints;

/**
 * What the dashboard expects back from each endpoint it calls: the very schemas the API answers with (the
 * `satisfies` below checks them against the endpoint catalog). Every answer is checked against them, so
 * that a server of the contract that answers something else is reported, not trusted.
 */
export const responseSchemas = {
  listOrgs: z.object({ items: z.array(orgSummarySchema) }),
  listChatrooms: chatroomListPageSchema,
  getChatroom: chatroomDetailSchema,
  listMessages: pageSchema(messageSchema),
  getContact: contactSchema,
  listContacts: pageSchema(contactSchema),
  listAudit: pageSchema(auditEventSchema),
  listConflicts: pageSchema(conflictLogEntrySchema),
  orgStats: orgStatsSchema,
  orgsStats: orgsStatsSchema,
  getConfig: orgConfigSchema,
  updateConfig: orgConfigSchema,
  listWabas: z.object({ items: z.array(wabaSchema) }),
  listUsers: z.object({ items: z.array(userSchema) }),
  listGroups: z.object({ items: z.array(groupSchema) }),
  createChatroomV3: chatroomObjectSchema,
  reassignV3: chatroomObjectSchema,
  deactivate: chatroomObjectSchema,
  activate: chatroomObjectSchema,
  createBulk: createBulkResponseSchema,
  getBulk: bulkJobDetailSchema,
  cancelBulk: bulkJobSchema,
  listWebhooks: z.object({ items: z.array(webhookSchema) }),
  getWebhook: webhookSchema,
  createWebhook: createdWebhookSchema,
  updateWebhook: webhookSchema,
  deleteWebhook: webhookSchema,
  pingWebhook: deliverySchema,
  listDeliveries: pageSchema(deliverySchema),
  redeliver: deliverySchema,
} satisfies { [N in keyof Catalog]?: z.ZodType<z.output<Catalog[N]["response"]>> };

export type Org = z.infer<typeof orgSummarySchema>;
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
export type Webhook = z.infer<typeof webhookSchema>;
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;
export type Delivery = z.infer<typeof deliverySchema>;
export type OrgStats = z.infer<typeof orgStatsSchema>;
export type OrgsStats = z.infer<typeof orgsStatsSchema>;
export type BulkAnswer = z.infer<typeof createBulkResponseSchema>;
export type BulkJob = z.infer<typeof bulkJobSchema>;
export type BulkJobDetail = z.infer<typeof bulkJobDetailSchema>;
export { conflictEntrySchema };
