import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { recordAudit, type Changes } from "@/lib/audit/record";
import { encodeEventId, type EventType } from "@/lib/events/schemas";
import { visibleHorizon } from "@/lib/events/read";
import type { RequestContext } from "@/lib/principals/actor";
import type { Services } from "@/lib/services";
import type { Db } from "@/lib/db/client";
import { webhookDeliveries, webhookSubscriptions } from "@/lib/db/schema";
import { ApiError, notFound } from "@/lib/errors";
import { decodeCursor, sequenceCursorSchema, toPage } from "@/lib/pagination";
import { targetProblem, type TargetPolicy } from "./targets";
import { sendDeliveryNow } from "./worker";

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** What the API shows of a subscription: never its secret. */
function toWebhook(row: SubscriptionRow) {
  return {
    id: row.id,
    url: row.url,
    types: row.types as EventType[],
    description: row.description,
    enabled: row.disabledAt === null,
    disabled_reason: row.disabledReason,
    disabled_at: iso(row.disabledAt),
    failing_since: iso(row.failingSince),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** The subscription as webhook.* events and the audit carry it. */
function summaryOf(row: SubscriptionRow) {
  return { id: row.id, url: row.url, types: row.types, description: row.description, enabled: row.disabledAt === null };
}

function toDelivery(row: DeliveryRow) {
  return {
    id: String(row.id),
    webhook_id: row.subscriptionId,
    event_id: row.eventId === null ? null : encodeEventId({ xact: row.eventXact!, id: row.eventId }),
    event_type: row.eventType,
    chatroom_id: row.chatroomId,
    status: row.status,
    attempts: row.attempts,
    response_status: row.responseStatus,
    response_latency_ms: row.responseLatencyMs,
    response_body: row.responseBody,
    error: row.error,
    last_attempt_at: iso(row.lastAttemptAt),
    next_attempt_at: row.status === "pending" ? row.nextAttemptAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    settled_at: iso(row.settledAt),
    redelivery_of: row.redeliveryOf === null ? null : String(row.redeliveryOf),
  };
}

async function checkTarget(url: string, policy: TargetPolicy): Promise<void> {
  const problem = await targetProblem(url, policy);
  if (problem) {
    const issue = { path: "body.url", message: problem };
    throw new ApiError("VALIDATION_FAILED", { issues: [issue] }, `${issue.path}: ${issue.message}`);
  }
}

async function getSubscription(db: Db, params: { orgId: string; webhookId: string; lock?: boolean }): Promise<SubscriptionRow> {
  const query = db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.orgId, params.orgId), eq(webhookSubscriptions.id, params.webhookId)))
    .$dynamic();
  const [row] = await (params.lock ? query.for("update") : query);
  if (!row) throw notFound("webhook", params.webhookId);
  return row;
}

/**
 * A subscription starts with the events that had not committed when it was made: its cursor is the
 * visibility horizon, and the snapshot tells apart the events above the horizon that had already committed.
 */
const fromNow = { cursorXact: sql<number>`${visibleHorizon}`, cursorEventId: 0, startSnapshot: sql<string>`pg_current_snapshot()::text` };

export async function createWebhook(
  services: Services,
  context: RequestContext,
  input: { url: string; types: EventType[]; description: string },
  policy: TargetPolicy,
) {
  await checkTarget(input.url, policy);
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  return services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const [row] = await tx
      .insert(webhookSubscriptions)
      .values({
        id: `wh_${randomBytes(10).toString("hex")}`,
        orgId: context.orgId,
        url: input.url,
        types: input.types,
        description: input.description,
        secret,
        ...fromNow,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, context, [
      {
        chatroomId: null,
        action: "webhook.created",
        changes: { url: { before: null, after: row!.url }, types: { before: null, after: row!.types } },
        details: { webhook: summaryOf(row!) },
        at: now,
      },
    ]);
    return { ...toWebhook(row!), secret };
  });
}

export async function listWebhooks(db: Db, params: { orgId: string }) {
  const rows = await db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.orgId, params.orgId))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return { items: rows.map(toWebhook) };
}

export async function getWebhook(db: Db, params: { orgId: string; webhookId: string }) {
  return toWebhook(await getSubscription(db, params));
}

/**
 * Changes url, types, description, or pauses (`enabled: false`) and resumes it. A resumed subscription
 * gets the events from then on; what happened while it was off is in GET .../events.
 */
export async function updateWebhook(
  services: Services,
  context: RequestContext,
  input: { webhookId: string; url?: string; types?: EventType[]; description?: string; enabled?: boolean },
  policy: TargetPolicy,
) {
  if (input.url !== undefined) await checkTarget(input.url, policy);
  return services.db.transaction(async (tx) => {
    const before = await getSubscription(tx, { orgId: context.orgId, webhookId: input.webhookId, lock: true });
    const now = services.clock.now();
    const changes: Changes = {};
    const set: Partial<typeof webhookSubscriptions.$inferInsert> = {};
    if (input.url !== undefined && input.url !== before.url) {
      changes.url = { before: before.url, after: input.url };
      set.url = input.url;
    }
    if (input.types !== undefined && [...input.types].sort().join() !== [...before.types].sort().join()) {
      changes.types = { before: before.types, after: input.types };
      set.types = input.types;
    }
    if (input.description !== undefined && input.description !== before.description) {
      changes.description = { before: before.description, after: input.description };
      set.description = input.description;
    }
    const wasEnabled = before.disabledAt === null;
    if (input.enabled !== undefined && input.enabled !== wasEnabled) {
      changes.enabled = { before: wasEnabled, after: input.enabled };
      Object.assign(set, input.enabled ? { disabledAt: null, disabledReason: null, failingSince: null, ...fromNow } : { disabledAt: now, disabledReason: "requested" });
    }
    if (Object.keys(changes).length === 0) return toWebhook(before);
    const [row] = await tx
      .update(webhookSubscriptions)
      .set({ ...set, updatedAt: now })
      .where(and(eq(webhookSubscriptions.orgId, context.orgId), eq(webhookSubscriptions.id, before.id)))
      .returning();
    await recordAudit(tx, context, [{ chatroomId: null, action: "webhook.updated", changes, details: { webhook: summaryOf(row!) }, at: now }]);
    return toWebhook(row!);
  });
}

/** Deletes the subscription and its delivery records; answers it as it was. */
export async function deleteWebhook(services: Services, context: RequestContext, input: { webhookId: string }) {
  return services.db.transaction(async (tx) => {
    const row = await getSubscription(tx, { orgId: context.orgId, webhookId: input.webhookId, lock: true });
    await tx.delete(webhookSubscriptions).where(and(eq(webhookSubscriptions.orgId, context.orgId), eq(webhookSubscriptions.id, row.id)));
    await recordAudit(tx, context, [
      {
        chatroomId: null,
        action: "webhook.deleted",
        changes: { url: { before: row.url, after: null } },
        details: { webhook: { ...summaryOf(row), enabled: false } },
        at: services.clock.now(),
      },
    ]);
    return toWebhook(row);
  });
}

async function getDelivery(db: Db, params: { orgId: string; webhookId: string; deliveryId: string }): Promise<DeliveryRow> {
  const id = /^[0-9]{1,15}$/.test(params.deliveryId) ? Number(params.deliveryId) : undefined;
  const [row] =
    id === undefined
      ? []
      : await db
          .select()
          .from(webhookDeliveries)
          .where(
            and(
              eq(webhookDeliveries.orgId, params.orgId),
              eq(webhookDeliveries.subscriptionId, params.webhookId),
              eq(webhookDeliveries.id, id),
            ),
          );
  if (!row) throw notFound("webhook_delivery", params.deliveryId);
  return row;
}

/** POST .../test: sends a `ping` now (once, not retried) and answers its delivery record. */
export async function pingWebhook(services: Services, context: RequestContext, input: { webhookId: string }, policy: TargetPolicy) {
  const subscription = await getSubscription(services.db, { orgId: context.orgId, webhookId: input.webhookId });
  const now = services.clock.now();
  const [ping] = await services.db
    .insert(webhookDeliveries)
    .values({
      orgId: context.orgId,
      subscriptionId: subscription.id,
      eventType: "ping",
      status: "pending",
      attempts: 1,
      nextAttemptAt: now,
      // Sent right here: the worker must not take it too.
      leasedUntil: new Date(now.getTime() + 60_000),
      lastAttemptAt: now,
      createdAt: now,
    })
    .returning({ id: webhookDeliveries.id });
  await sendDeliveryNow(services, ping!.id, policy);
  return toDelivery(await getDelivery(services.db, { orgId: context.orgId, webhookId: subscription.id, deliveryId: String(ping!.id) }));
}

/** GET .../deliveries: newest first. */
export async function listDeliveries(
  db: Db,
  params: { orgId: string; webhookId: string; status?: DeliveryRow["status"]; cursor?: string; limit: number },
) {
  await getSubscription(db, params);
  const conditions: SQL[] = [eq(webhookDeliveries.orgId, params.orgId), eq(webhookDeliveries.subscriptionId, params.webhookId)];
  if (params.status) conditions.push(eq(webhookDeliveries.status, params.status));
  const after = decodeCursor(params.cursor, sequenceCursorSchema);
  if (after) conditions.push(lt(webhookDeliveries.id, after.id));
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(params.limit + 1);
  return toPage(rows, params.limit, toDelivery, (last) => ({ id: last.id }));
}

/**
 * POST .../redeliver: a new delivery of the same event (or ping), queued for the worker, in its place in the
 * chatroom's order; the original record stays as it was.
 */
export async function redeliver(services: Services, context: RequestContext, input: { webhookId: string; deliveryId: string }) {
  const original = await getDelivery(services.db, { orgId: context.orgId, ...input });
  const now = services.clock.now();
  const [row] = await services.db
    .insert(webhookDeliveries)
    .values({
      orgId: original.orgId,
      subscriptionId: original.subscriptionId,
      eventId: original.eventId,
      eventXact: original.eventXact,
      eventType: original.eventType,
      chatroomId: original.chatroomId,
      status: "pending",
      nextAttemptAt: now,
      redeliveryOf: original.id,
      createdAt: now,
    })
    .returning();
  return toDelivery(row!);
}
