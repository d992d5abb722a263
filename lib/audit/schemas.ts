import { z } from "zod";

export const auditEventSchema = z.object({
  id: z.string(),
  chatroom_id: z.string().nullable(),
  action: z.string().describe("e.g. chatroom.created, chatroom.deactivated, chatroom.expired, contact.updated"),
  actor: z.object({
    type: z.enum(["user", "partner", "console", "system"]),
    id: z.string().nullable(),
    on_behalf_of: z.string().nullable(),
  }),
  impersonator: z.object({ type: z.enum(["user", "partner", "console"]), id: z.string().nullable() }).nullable(),
  note: z.string().nullable(),
  request_id: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  details: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
