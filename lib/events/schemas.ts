import { z } from "zod";
import { chatroomDetailSchema, conflictLogEntrySchema } from "@/lib/chatrooms/schemas";
import { contactSchema } from "@/lib/contacts/schemas";
import { messageSchema } from "@/lib/messages/schemas";
import { orgConfigSchema } from "@/lib/orgs/schemas";

/** Request and response schemas of the event endpoints: the API, the OpenAPI document and webhook bodies. */

export const EVENT_TYPES = [
  "chatroom.created",
  "chatroom.reassigned",
  "chatroom.deactivated",
  "chatroom.activated",
  "chatroom.lapsed",
  "chatroom.handover_completed",
  "chatroom.handover_failed",
  "chatroom.renamed",
  "message.received",
  "message.sent",
  "conflict.recorded",
  "config.updated",
  "contact.created",
  "contact.updated",
  "webhook.created",
  "webhook.updated",
  "webhook.deleted",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

const eventTypeSchema = z.enum(EVENT_TYPES);

/** An event's place in its org's order: the writing transaction, then the row. */
export interface EventPosition {
  xact: number;
  id: number;
}

const HEX_DIGITS = 16;

/** The public id: fixed-width hex of (xact, id), so that ids compare as strings in the order readers see events. */
export function encodeEventId(position: EventPosition): string {
  return position.xact.toString(16).padStart(HEX_DIGITS, "0") + position.id.toString(16).padStart(HEX_DIGITS, "0");
}

const eventIdPattern = new RegExp(`^[0-9a-f]{${HEX_DIGITS * 2}}$`);

function decodeEventId(value: string): EventPosition | undefined {
  if (!eventIdPattern.test(value)) return undefined;
  const xact = Number.parseInt(value.slice(0, HEX_DIGITS), 16);
  const id = Number.parseInt(value.slice(HEX_DIGITS), 16);
  return Number.isSafeInteger(xact) && Number.isSafeInteger(id) ? { xact, id } : undefined;
}

/** An event id as a query parameter or header: decoded into its position, or a field issue. */
export const eventIdSchema = z.string().transform((value, ctx) => {
  const position = decodeEventId(value);
  if (!position) {
    ctx.addIssue({ code: "custom", message: "is not an event id this API gave" });
    return z.NEVER;
  }
  return position;
});

const typesSchema = z
  .string()
  .max(1024)
  .transform((value, ctx) => {
    const names = [...new Set(value.split(",").map((name) => name.trim()).filter(Boolean))];
    const unknown = names.filter((name) => !(EVENT_TYPES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      ctx.addIssue({ code: "custom", message: `unknown event type(s): ${unknown.join(", ")}` });
      return z.NEVER;
    }
    return names as EventType[];
  })
  .describe(`comma-separated event types to keep (default: all): ${EVENT_TYPES.join(", ")}`);

export const listEventsQuerySchema = z.object({
  after: eventIdSchema.optional().describe("the id of the last event you have; absent: from the oldest one kept"),
  types: typesSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const streamEventsQuerySchema = z.object({
  after: eventIdSchema
    .optional()
    .describe("resume after this event id (the Last-Event-ID header wins); absent: events from now on"),
  types: typesSchema.optional(),
});

const actorSchema = z.object({
  type: z.enum(["user", "partner", "console", "system"]),
  id: z.string().nullable(),
  on_behalf_of: z.string().nullable().describe("the signed-in person the console acted for"),
  impersonator: z.object({ type: z.enum(["user", "partner", "console"]), id: z.string().nullable() }).nullable(),
});

const webhookSummarySchema = z.object({ id: z.string(), url: z.string(), types: z.array(z.string()), description: z.string(), enabled: z.boolean() });

export const eventSchema = z.object({
  id: z.string().describe("opaque, increasing within the org in the order events are read; compare as strings"),
  type: eventTypeSchema,
  org_id: z.string(),
  occurred_at: z.string().describe("when the change happened (a lapse: its deadline), ISO-8601 UTC with milliseconds"),
  chatroom_id: z.string().nullable(),
  actor: actorSchema,
  data: z
    .union([chatroomDetailSchema, messageSchema, conflictLogEntrySchema, orgConfigSchema, contactSchema, webhookSummarySchema])
    .describe(
      "chatroom.*: the chatroom detail after the change; message.*: the message; conflict.recorded: the conflict entry; " +
        "config.updated: the org config; contact.*: the contact; webhook.*: the subscription (never its secret)",
    ),
});

export type EventObject = z.infer<typeof eventSchema>;

export const eventPageSchema = z.object({
  items: z.array(eventSchema),
  next_cursor: z.string().nullable().describe("the `after` of the next page; null when you have caught up"),
});
