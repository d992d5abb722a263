import { z } from "zod";
import { auditEventSchema } from "@/lib/audit/schemas";
import {
  activateQuerySchema,
  chatroomByContactSchema,
  chatroomDetailSchema,
  chatroomListPageSchema,
  chatroomObjectSchema,
  conflictLogEntrySchema,
  createChatroomV2BodySchema,
  createChatroomV3BodySchema,
  deactivateBodySchema,
  listAuditQuerySchema,
  listChatroomsQuerySchema,
  listConflictsQuerySchema,
  reassignV2BodySchema,
  reassignV3BodySchema,
} from "@/lib/chatrooms/schemas";
import {
  contactSchema,
  contactFieldsSchema,
  listContactsQuerySchema,
  updateContactBodySchema,
} from "@/lib/contacts/schemas";
import {
  orgConfigSchema,
  groupSchema,
  orgSummarySchema,
  updateOrgConfigBodySchema,
  userSchema,
  wabaSchema,
} from "@/lib/orgs/schemas";
import { listMessagesQuerySchema, messageSchema, sendMessageBodySchema } from "@/lib/messages/schemas";
import { pageSchema } from "@/lib/pagination";
import { endpointPaths } from "@/lib/endpoint-paths";
import type { EndpointSpec } from "./handler";

export interface EndpointDefinition extends EndpointSpec<z.ZodType | undefined, z.ZodType | undefined> {
  method: "GET" | "POST" | "PUT";
  /** OpenAPI style: `{orgId}`. */
  path: string;
  summary: string;
  /** One of the seven endpoints of the upstream Saleschat.pro contract. */
  upstream?: boolean;
  response: z.ZodType;
}

/**
 * Every endpoint of the API: who may call it and the schemas of its input and answer. Route handlers take
 * their declaration from here, and the OpenAPI document is generated from it, so they cannot disagree.
 */
export const endpoints = {
  createChatroomV3: {
    ...endpointPaths.createChatroomV3,
    summary: "Create a chatroom for a lead (R7-R14, R18-R21)",
    upstream: true,
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: createChatroomV3BodySchema,
    response: chatroomObjectSchema,
  },
  reassignV3: {
    ...endpointPaths.reassignV3,
    summary: "Reassign a chatroom to a user or a group, optionally on handover (R18-R21)",
    upstream: true,
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: reassignV3BodySchema,
    response: chatroomObjectSchema,
  },
  createChatroomV2: {
    ...endpointPaths.createChatroomV2,
    summary: "Create a chatroom for a contact, assigned to a user (R7, R9-R14, R18-R21)",
    upstream: true,
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: createChatroomV2BodySchema,
    response: chatroomObjectSchema,
  },
  reassignV2: {
    ...endpointPaths.reassignV2,
    summary: "Reassign a chatroom to a user (R18, R20)",
    upstream: true,
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: reassignV2BodySchema,
    response: chatroomObjectSchema,
  },
  deactivate: {
    ...endpointPaths.deactivate,
    summary: "Deactivate a chatroom with a reason (R15)",
    upstream: true,
    role: "ADMIN",
    impersonation: "allowed",
    partner: "allowed",
    body: deactivateBodySchema,
    response: chatroomObjectSchema,
  },
  activate: {
    ...endpointPaths.activate,
    summary: "Activate a chatroom, optionally forcing the chatrooms in the way closed (R16)",
    upstream: true,
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    query: activateQuerySchema,
    response: chatroomObjectSchema,
  },
  chatroomByContact: {
    ...endpointPaths.chatroomByContact,
    summary: "The contact's active chatroom, else its newest one, with its WABA (R17)",
    upstream: true,
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: chatroomByContactSchema,
  },
  listOrgs: {
    ...endpointPaths.listOrgs,
    summary: "The orgs the caller may see",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    orgScoped: false,
    response: z.object({ items: z.array(orgSummarySchema) }),
  },
  createContact: {
    ...endpointPaths.createContact,
    summary: "Create a contact (a duplicate crm_id is 409 UQ_CONSTRAINT_FAILED)",
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: contactFieldsSchema,
    response: contactSchema,
  },
  updateContact: {
    ...endpointPaths.updateContact,
    summary: "Update a contact's crm_id and names; renames its chatrooms (R13)",
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: updateContactBodySchema,
    response: contactSchema,
  },
  listContacts: {
    ...endpointPaths.listContacts,
    summary: "Search contacts by name, crm_id or phone",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    query: listContactsQuerySchema,
    response: pageSchema(contactSchema),
  },
  getContact: {
    ...endpointPaths.getContact,
    summary: "One contact, whether or not it has chatrooms",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: contactSchema,
  },
  listChatrooms: {
    ...endpointPaths.listChatrooms,
    summary: "Chatrooms with filters and search, sorted by a time or a deadline, keyset-paginated both ways, with a capped total",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    query: listChatroomsQuerySchema,
    response: chatroomListPageSchema,
  },
  getChatroom: {
    ...endpointPaths.getChatroom,
    summary: "One chatroom detail object",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: chatroomDetailSchema,
  },
  listConflicts: {
    ...endpointPaths.listConflicts,
    summary: "The conflict log (R25), newest first, with the conflicting chatrooms' current state",
    role: "ADMIN",
    impersonation: "allowed",
    partner: "allowed",
    query: listConflictsQuerySchema,
    response: pageSchema(conflictLogEntrySchema),
  },
  listAudit: {
    ...endpointPaths.listAudit,
    summary: "Audit events, newest first (R24)",
    role: "ADMIN",
    impersonation: "allowed",
    partner: "allowed",
    query: listAuditQuerySchema,
    response: pageSchema(auditEventSchema),
  },
  getConfig: {
    ...endpointPaths.getConfig,
    summary: "The org's configuration (R5)",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: orgConfigSchema,
  },
  updateConfig: {
    ...endpointPaths.updateConfig,
    summary: "Change the org's configuration; deadlines follow (R5)",
    role: "ADMIN",
    impersonation: "refused",
    partner: "allowed",
    body: updateOrgConfigBodySchema,
    response: orgConfigSchema,
  },
  listWabas: {
    ...endpointPaths.listWabas,
    summary: "The org's WABAs with their phones in position order",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: z.object({ items: z.array(wabaSchema) }),
  },
  listUsers: {
    ...endpointPaths.listUsers,
    summary: "The org's users",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: z.object({ items: z.array(userSchema) }),
  },
  listGroups: {
    ...endpointPaths.listGroups,
    summary: "The org's groups with their members",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    response: z.object({ items: z.array(groupSchema) }),
  },
  listMessages: {
    ...endpointPaths.listMessages,
    summary: "A chatroom's messages, oldest first, as history visibility allows (R22)",
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    query: listMessagesQuerySchema,
    response: pageSchema(messageSchema),
  },
  sendMessage: {
    ...endpointPaths.sendMessage,
    summary: "Store an outbound message in an active chatroom (R23); members of the room and ADMINs",
    // MEMBER here; the domain admits only the chatroom's current members and ADMINs.
    role: "MEMBER",
    impersonation: "allowed",
    partner: "allowed",
    body: sendMessageBodySchema,
    response: messageSchema,
  },
  listUnroutedMessages: {
    ...endpointPaths.listUnroutedMessages,
    summary: "Inbound messages that found no active chatroom, newest first",
    role: "ADMIN",
    impersonation: "allowed",
    partner: "allowed",
    query: listMessagesQuerySchema,
    response: pageSchema(messageSchema),
  },
} as const satisfies Record<string, EndpointDefinition>;
