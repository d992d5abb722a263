import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/schemas";
import { pageQuerySchema } from "@/lib/pagination";

/** Request and response schemas of the webhook endpoints: the API, the OpenAPI document and the forms. */

const urlSchema = z
  .string()
  .min(1, "must not be empty")
  .max(2048, "must be at most 2048 characters")
  .describe("http or https; loopback and private addresses are refused unless the server allows them");

const typesSchema = z
  .array(z.enum(EVENT_TYPES))
  .min(1, "give at least one event type")
  .transform((types) => [...new Set(types)]);

const descriptionSchema = z.string().max(500, "must be at most 500 characters");

export const createWebhookBodySchema = z.object({
  url: urlSchema,
  types: typesSchema,
  description: descriptionSchema.default(""),
});

export const updateWebhookBodySchema = z
  .object({
    url: urlSchema.optional(),
    types: typesSchema.optional(),
    description: descriptionSchema.optional(),
    enabled: z.boolean().optional().describe("false pauses deliveries; true resumes with the events from then on"),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), "give at least one of url, types, description, enabled");

const isoTimestamp = z.string().describe("ISO-8601 UTC with milliseconds");

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  types: z.array(z.enum(EVENT_TYPES)),
  description: z.string(),
  enabled: z.boolean(),
  disabled_reason: z
    .enum(["requested", "failing"])
    .nullable()
    .describe("requested: an admin paused it; failing: its deliveries failed for 3 days"),
  disabled_at: isoTimestamp.nullable(),
  failing_since: isoTimestamp.nullable().describe("the first failed delivery since the last success"),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});

export const createdWebhookSchema = webhookSchema.extend({
  secret: z.string().describe("the signing secret: shown in this answer only"),
});

export const deliverySchema = z.object({
  id: z.string(),
  webhook_id: z.string(),
  event_id: z.string().nullable().describe("null for a ping"),
  event_type: z.string(),
  chatroom_id: z.string().nullable(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  response_latency_ms: z.number().int().nullable(),
  response_body: z.string().nullable().describe("the start of the receiver's answer, at most 1 KiB"),
  error: z.string().nullable().describe("why the last attempt failed, when it got no answer"),
  last_attempt_at: isoTimestamp.nullable(),
  next_attempt_at: isoTimestamp.nullable().describe("when it is tried next; null once it succeeded or failed"),
  created_at: isoTimestamp,
  settled_at: isoTimestamp.nullable(),
  redelivery_of: z.string().nullable(),
});

export const listDeliveriesQuerySchema = pageQuerySchema.extend({ status: z.enum(["pending", "succeeded", "failed"]).optional() });
