import { z } from "zod";
import { chatroomFilterSchema, deactivateBodySchema, reassignV3BodySchema } from "@/lib/chatrooms/schemas";
import { pageQuerySchema, pageSchema } from "@/lib/pagination";

/** Request and response schemas of the bulk endpoints: used by the API, the dashboard and the OpenAPI document. */

/** At most this many chatrooms named by id; more is a filter's job. */
const MAX_BULK_IDS = 1000;

const selection = {
  filter: chatroomFilterSchema
    .optional()
    .describe("the chatrooms list's filters, with the values its query takes (`unassigned: \"true\"`); {} is every chatroom of the org"),
  chatroom_ids: z
    .array(z.string().min(1).max(128))
    .min(1)
    .max(MAX_BULK_IDS)
    .optional()
    .describe(`at most ${MAX_BULK_IDS} chatrooms of the org, by id`),
  dry_run: z.boolean().default(false).describe("true: change nothing and answer what would happen to how many chatrooms"),
};

const reassignBulkSchema = z.object({
  action: z.literal("reassign"),
  params: reassignV3BodySchema.describe("the body of the single-room reassign (R18-R21)"),
  ...selection,
});

const deactivateBulkSchema = z.object({
  action: z.literal("deactivate"),
  params: deactivateBodySchema.prefault({}).describe("the body of the single-room deactivate (R15)"),
  ...selection,
});

export const createBulkBodySchema = z
  .discriminatedUnion("action", [reassignBulkSchema, deactivateBulkSchema])
  .superRefine((value, ctx) => {
    if ((value.filter === undefined) === (value.chatroom_ids === undefined)) {
      ctx.addIssue({ code: "custom", path: ["filter"], message: "give exactly one of filter and chatroom_ids" });
    }
  });

export type CreateBulkBody = z.output<typeof createBulkBodySchema>;

const bulkActionSchema = z.enum(["reassign", "deactivate"]);
const bulkStatusSchema = z.enum(["queued", "running", "done", "cancelled", "failed"]);
const countSchema = z.number().int().nonnegative();
const skipReasonsSchema = z
  .record(z.string(), countSchema)
  .describe("skipped chatrooms by reason: expired, deactivated, already_deactivated, no_assignable_user, unchanged");

const bulkDryRunSchema = z.object({
  dry_run: z.literal(true),
  action: bulkActionSchema,
  total: countSchema.describe("the chatrooms the action covers now"),
  would_apply: countSchema,
  would_skip: countSchema,
  skip_reasons: skipReasonsSchema,
});

export const bulkJobSchema = z.object({
  bulk_id: z.string(),
  dry_run: z.literal(false),
  action: bulkActionSchema,
  params: z.record(z.string(), z.unknown()),
  filter: z.record(z.string(), z.unknown()).nullable().describe("null when the chatrooms were named by id"),
  status: bulkStatusSchema,
  total: countSchema.describe("the chatrooms chosen when the job was made"),
  done: countSchema,
  skipped: countSchema,
  failed: countSchema,
  skip_reasons: skipReasonsSchema,
  error: z.string().nullable().describe("why the job failed as a whole"),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const createBulkResponseSchema = z.union([bulkDryRunSchema, bulkJobSchema]);

const bulkResultSchema = z.object({
  chatroom_id: z.string(),
  display_name: z.string(),
  outcome: z.enum(["pending", "done", "skipped", "failed"]),
  reason: z.string().nullable().describe("a skip's reason, or a failure's error_message"),
  processed_at: z.string().nullable(),
});

export const bulkJobDetailSchema = bulkJobSchema.extend({
  results: pageSchema(bulkResultSchema).describe("per chatroom, by chatroom id; `cursor` and `limit` page it"),
});

export const bulkResultsQuerySchema = pageQuerySchema.extend({
  outcome: z.enum(["pending", "done", "skipped", "failed"]).optional(),
});
