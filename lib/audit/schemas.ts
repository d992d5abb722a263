import { z } from "zod";

export const auditEventSchema = z.object({
  id: z.string(),
  chatroom_id: z.string().nullable(),
  action: z.string().describe("e.g. chatroom.created, chatroom.deactivated, chatroom.expired, contact.updated"),
  actor: z.object({
    type: z.enum(["user", "partner", "console", "system"]).describe("the rights the change was made with"),
    id: z.string().nullable(),
    on_behalf_of: z.string().nullable().describe("the person (dashboard sign-in account) the console acted for"),
  }),
  impersonator: z.object({ type: z.enum(["user", "partner", "console"]), id: z.string().nullable() }).nullable(),
  channel: z
    .enum(["api", "console", "system"])
    .describe("api: an API key; console: the dashboard's console key (for the person in actor.on_behalf_of); system: the server itself"),
  note: z.string().nullable(),
  request_id: z.string().nullable(),
  bulk_id: z.string().nullable().describe("the bulk job that made the change, if one did"),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  details: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
