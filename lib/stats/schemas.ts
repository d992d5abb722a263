import { z } from "zod";
import { SYSTEM_DEACTIVATION_REASONS, USER_DEACTIVATION_REASONS } from "@/lib/constants";

/** Request and response schemas of the org's statistics: used by the API, the dashboard and the OpenAPI document. */

/** The longest period one request may cover, in days (both ends included). */
export const STATS_MAX_DAYS = 366;

/** The period when none is given: the last 30 days in UTC, today included. */
export const STATS_DEFAULT_DAYS = 30;

/** The window of the "expiring soon" count, as the chatroom list's filter takes it. */
export const STATS_EXPIRING_HOURS = 24;

/** The window of the roll-up's conflict count: today and the days before it, in UTC. */
export const STATS_RECENT_CONFLICT_DAYS = 7;

const day = z.iso.date().describe("a day in UTC, YYYY-MM-DD");

export const statsQuerySchema = z.object({
  from: day.optional().describe(`the first day of the period (default: ${STATS_DEFAULT_DAYS - 1} days before \`to\`)`),
  to: day.optional().describe("the last day of the period, included (default: today in UTC)"),
});

const count = z.number().int().nonnegative();

const dayCountSchema = z.object({ date: day, count });

export const orgStatsSchema = z.object({
  org_id: z.string(),
  generated_at: z.string().describe("the server's time the figures hold at, ISO-8601 UTC with milliseconds"),
  from: day,
  to: day,
  counts: z.object({
    active: count.describe("chatrooms active now (R4)"),
    pending_handover: count.describe("active chatrooms waiting for the lead's next message to be assigned (R21)"),
    unassigned: count.describe("active chatrooms with no current member and no pending assignment"),
    expiring_soon: count.describe(`active chatrooms whose expiry (R1) falls within ${STATS_EXPIRING_HOURS} hours`),
    deactivated_in_period: count.describe("chatrooms deactivated during the period, a lapse not yet written out included (R2, R4)"),
    expired_in_period: count.describe("chatrooms that expired during the period (R1)"),
  }),
  daily: z
    .array(z.object({ date: day, opened: count, closed: count }))
    .describe("every day of the period: chatrooms created, and chatrooms that stopped being active (deactivated or expired, whichever came first)"),
  conflicts_per_day: z
    .array(dayCountSchema)
    .nullable()
    .describe("every day of the period: refusals recorded in the conflict log (R25); null for a MEMBER, who may not read the log"),
  deactivation_reasons: z
    .array(z.object({ reason: z.enum([...USER_DEACTIVATION_REASONS, ...SYSTEM_DEACTIVATION_REASONS]), count }))
    .describe("the reasons of the period's deactivations, most frequent first (R15, R2 INACTIVITY)"),
  load: z.object({
    agents: z
      .array(
        z.object({
          user_id: z.string(),
          name: z.string(),
          role: z.enum(["ADMIN", "MEMBER"]),
          active: z.boolean().describe("false: the user is disabled"),
          active_chatrooms: count.describe("active chatrooms the user is a current member of"),
          group_ids: z.array(z.string()),
        }),
      )
      .describe("the org's users, busiest first; disabled users only while they still hold active chatrooms"),
    groups: z
      .array(
        z.object({
          group_id: z.string(),
          name: z.string(),
          strategy: z.enum(["ROUND_ROBIN", "LEAST_ACTIVE"]).describe("how a member is picked from the group (R19; the org's strategy)"),
          active_members: count,
          active_chatrooms: count.describe("active chatrooms held by the group's members"),
        }),
      ),
  }),
});

export type OrgStats = z.infer<typeof orgStatsSchema>;


export const orgsStatsSchema = z.object({
  generated_at: z.string().describe("the server's time the figures hold at, ISO-8601 UTC with milliseconds"),
  from: day.describe(`the first day of the period of the \`_in_period\` counts: ${STATS_DEFAULT_DAYS} days up to today`),
  to: day.describe("the last day of that period: today in UTC"),
  items: z
    .array(
      z.object({
        org_id: z.string(),
        name: z.string(),
        counts: orgStatsSchema.shape.counts.describe("the org's overview counts (GET /v1/org/{orgId}/stats over the default period)"),
        recent_conflicts: count
          .nullable()
          .describe(`conflict-log refusals (R25) of the last ${STATS_RECENT_CONFLICT_DAYS} days, today included; null for a MEMBER`),
      }),
    )
    .describe("every org the caller may see (as GET /v1/orgs lists them), by name"),
});

export type OrgsStats = z.infer<typeof orgsStatsSchema>;
