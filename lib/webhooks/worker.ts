import { and, eq, isNotNull, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { encodeEventId, type EventObject } from "@/lib/events/schemas";
import { visibleHorizon } from "@/lib/events/read";
import { eventWatcher } from "@/lib/events/watcher";
import type { Db } from "@/lib/db/client";
import { events, webhookDeliveries, webhookSubscriptions } from "@/lib/db/schema";
import { rowsOf, timestampParam } from "@/lib/db/sql";
import { errorFields, log } from "@/lib/log";
import { systemActor } from "@/lib/principals/actor";
import type { Services } from "@/lib/services";
import { postWebhook, signatureHeader, type SendOutcome } from "./send";
import type { TargetPolicy } from "./targets";

const DISPATCH_BATCH = 500;
const CLAIM_BATCH = 20;
/** Longer than a send can take (10 s), so that a delivery being sent is never sent by a second worker too. */
const LEASE_MS = 60_000;
/** A delivery is retried for this long after it was made, then marked failed. */
const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A subscription whose deliveries have failed for this long, without a success between, is disabled. */
const DISABLE_AFTER_MS = 3 * 24 * 60 * 60 * 1000;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 60 * 60 * 1000;

/**
 * Exponential backoff with jitter: 10 s, 20 s, 40 s ... up to an hour, each drawn between half and all of
 * it, so that receivers coming back are not hit by every sender at once.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Turns the events that became visible into deliveries for the enabled subscriptions that want their type,
 * in event order, and moves each subscription's cursor past what it looked at. Subscriptions are locked
 * with SKIP LOCKED, so instances share the work and never make a delivery twice (a unique index backs it).
 * Returns whether a subscription had more to look at.
 */
async function dispatchEvents(services: Services): Promise<boolean> {
  const now = timestampParam(services.clock.now());
  const result = await services.db.execute(sql`
    with subs as (
      select ${webhookSubscriptions.id} as id, ${webhookSubscriptions.orgId} as org_id, ${webhookSubscriptions.types} as types,
        ${webhookSubscriptions.cursorXact} as cursor_xact, ${webhookSubscriptions.cursorEventId} as cursor_event_id,
        ${webhookSubscriptions.startSnapshot} as start_snapshot
      from ${webhookSubscriptions}
      where ${webhookSubscriptions.disabledAt} is null
      for update skip locked
    ), batch as (
      select s.id as subscription_id, s.org_id, s.types, e.id as event_id, e.xact, e.type, e.chatroom_id,
        coalesce(pg_visible_in_snapshot((e.xact::text)::xid8, s.start_snapshot::pg_snapshot), false) as before_start
      from subs s cross join lateral (
        select ${events.id} as id, ${events.xact} as xact, ${events.type} as type, ${events.chatroomId} as chatroom_id
        from ${events}
        where ${events.orgId} = s.org_id and (${events.xact}, ${events.id}) > (s.cursor_xact, s.cursor_event_id)
          and ${events.xact} < ${visibleHorizon}
        order by ${events.xact}, ${events.id}
        limit ${DISPATCH_BATCH}
      ) e
    ), inserted as (
      insert into ${webhookDeliveries} (org_id, subscription_id, event_id, event_xact, event_type, chatroom_id, status, next_attempt_at, created_at)
      select org_id, subscription_id, event_id, xact, type, chatroom_id, 'pending', ${now}, ${now}
      from batch where type = any(types) and not before_start
      order by subscription_id, xact, event_id
      on conflict (subscription_id, event_id) where redelivery_of is null do nothing
      returning 1
    ), advanced as (
      update ${webhookSubscriptions} set cursor_xact = last.xact, cursor_event_id = last.event_id
      from (
        select distinct on (subscription_id) subscription_id, xact, event_id from batch
        order by subscription_id, xact desc, event_id desc
      ) last
      where ${webhookSubscriptions.id} = last.subscription_id
      returning 1
    )
    select coalesce((select max(n) from (select count(*) as n from batch group by subscription_id) counts), 0) as fullest,
      (select count(*) from inserted) as created, (select count(*) from advanced) as advanced`);
  return Number(rowsOf<{ fullest: string | number }>(result)[0]!.fullest) >= DISPATCH_BATCH;
}

interface ClaimedDelivery {
  id: string | number;
  org_id: string;
  subscription_id: string;
  event_id: string | number | null;
  event_type: string;
  /** Counting the attempt being made. */
  attempts: number;
  url: string;
  secret: string;
  xact: string | number | null;
  chatroom_id: string | null;
  actor: EventObject["actor"] | null;
  occurred_at: string | Date | null;
  data: EventObject["data"] | null;
}

/**
 * Leases up to `limit` due deliveries of enabled subscriptions, skipping rows other workers hold, and never
 * one whose chatroom has an earlier delivery to the same subscription still pending (per-chatroom order).
 */
async function claimDeliveries(services: Services, limit: number): Promise<ClaimedDelivery[]> {
  const at = services.clock.now();
  const now = timestampParam(at);
  const leaseEnd = timestampParam(new Date(at.getTime() + LEASE_MS));
  const result = await services.db.execute(sql`
    with due as (
      select d.id, d.subscription_id, d.event_id from ${webhookDeliveries} d
      join ${webhookSubscriptions} s on s.id = d.subscription_id
      where d.status = 'pending' and d.next_attempt_at <= ${now} and (d.leased_until is null or d.leased_until <= ${now})
        and s.disabled_at is null
        and (d.chatroom_id is null or not exists (
          select 1 from ${webhookDeliveries} p
          where p.subscription_id = d.subscription_id and p.chatroom_id = d.chatroom_id and p.status = 'pending'
            and (p.event_xact, p.event_id) < (d.event_xact, d.event_id)))
      order by d.next_attempt_at, d.id
      limit ${limit}
      for update of d skip locked
    )
    update ${webhookDeliveries} set leased_until = ${leaseEnd}, attempts = ${webhookDeliveries.attempts} + 1, last_attempt_at = ${now}
    from due join ${webhookSubscriptions} s on s.id = due.subscription_id left join ${events} e on e.id = due.event_id
    where ${webhookDeliveries.id} = due.id
    returning ${webhookDeliveries.id} as id, ${webhookDeliveries.orgId} as org_id, ${webhookDeliveries.subscriptionId} as subscription_id,
      ${webhookDeliveries.eventId} as event_id, ${webhookDeliveries.eventType} as event_type, ${webhookDeliveries.attempts} as attempts,
      s.url, s.secret, e.xact, e.chatroom_id, e.actor, e.occurred_at, e.data`);
  return rowsOf<ClaimedDelivery>(result);
}

/** The JSON body of a delivery: the event as the API lists it, or a ping. */
function deliveryBody(delivery: ClaimedDelivery, now: Date): { id: string; type: string; body: string } {
  if (delivery.event_id === null) {
    const id = `ping_${delivery.id}`;
    const ping = {
      id,
      type: "ping",
      org_id: delivery.org_id,
      occurred_at: now.toISOString(),
      chatroom_id: null,
      actor: { ...systemActorJson },
      data: { webhook_id: delivery.subscription_id },
    };
    return { id, type: "ping", body: JSON.stringify(ping) };
  }
  const event: EventObject = {
    id: encodeEventId({ xact: Number(delivery.xact), id: Number(delivery.event_id) }),
    type: delivery.event_type as EventObject["type"],
    org_id: delivery.org_id,
    occurred_at: new Date(delivery.occurred_at!).toISOString(),
    chatroom_id: delivery.chatroom_id,
    actor: delivery.actor!,
    data: delivery.data!,
  };
  return { id: event.id, type: event.type, body: JSON.stringify(event) };
}

const systemActorJson = { type: "system", id: null, on_behalf_of: null, impersonator: null } as const;

/** Signs and POSTs one claimed delivery. */
function send(delivery: ClaimedDelivery, services: Services, policy: TargetPolicy): Promise<SendOutcome> {
  const now = services.clock.now();
  const { id, type, body } = deliveryBody(delivery, now);
  return postWebhook(
    delivery.url,
    body,
    {
      "user-agent": "Switchboard-Webhooks/1",
      "switchboard-event-id": id,
      "switchboard-event-type": type,
      "switchboard-signature": signatureHeader(delivery.secret, body, now),
    },
    policy,
  );
}

/**
 * Writes down an attempt in one statement: a success settles the delivery, a failure schedules the next try
 * or, once its 24 h are over (a ping is tried once), marks it failed. Then the subscription's failing streak:
 * a success clears it (writing only when there was one, so that the dispatcher, which skips locked
 * subscriptions, is not held up), a failure starts it or disables a subscription failing for 3 days.
 */
async function recordAttempt(services: Services, delivery: ClaimedDelivery, outcome: SendOutcome, random: () => number): Promise<void> {
  const at = services.clock.now();
  const now = timestampParam(at);
  const isPing = delivery.event_id === null;
  const retryAt = timestampParam(new Date(at.getTime() + retryDelayMs(delivery.attempts, random)));
  const windowStart = timestampParam(new Date(at.getTime() - RETRY_WINDOW_MS));
  const final = sql`(${outcome.ok} or ${isPing} or ${webhookDeliveries.createdAt} <= ${windowStart})`;
  const updated = await services.db.execute(sql`
    update ${webhookDeliveries} set
      status = case when ${outcome.ok} then 'succeeded' when ${final} then 'failed' else 'pending' end,
      leased_until = null,
      next_attempt_at = case when ${final} then ${now} else ${retryAt} end,
      settled_at = case when ${final} then ${now} end,
      response_status = ${outcome.status}, response_latency_ms = ${outcome.latencyMs},
      response_body = ${outcome.body}, error = ${outcome.error}
    where ${webhookDeliveries.id} = ${Number(delivery.id)} and ${webhookDeliveries.status} = 'pending'
    returning 1`);
  if (isPing || rowsOf(updated).length === 0) return;
  if (outcome.ok) {
    await services.db
      .update(webhookSubscriptions)
      .set({ failingSince: null })
      .where(and(eq(webhookSubscriptions.id, delivery.subscription_id), isNotNull(webhookSubscriptions.failingSince)));
    return;
  }
  await services.db.transaction((tx) => disableWhenFailingTooLong(tx, { orgId: delivery.org_id, subscriptionId: delivery.subscription_id, now: at }));
}

async function disableWhenFailingTooLong(tx: Db, params: { orgId: string; subscriptionId: string; now: Date }): Promise<void> {
  const now = timestampParam(params.now);
  const cutoff = timestampParam(new Date(params.now.getTime() - DISABLE_AFTER_MS));
  const [disabled] = rowsOf<{ id: string; url: string; types: string[]; description: string; just_disabled: boolean }>(
    await tx.execute(sql`
      update ${webhookSubscriptions} set
        failing_since = coalesce(failing_since, ${now}),
        disabled_at = case when disabled_at is null and failing_since <= ${cutoff} then ${now} else disabled_at end,
        disabled_reason = case when disabled_at is null and failing_since <= ${cutoff} then 'failing' else disabled_reason end,
        updated_at = case when disabled_at is null and failing_since <= ${cutoff} then ${now} else updated_at end
      where ${webhookSubscriptions.id} = ${params.subscriptionId}
      returning id, url, types, description, disabled_at = ${now} and disabled_reason = 'failing' as just_disabled`),
  ).filter((row) => row.just_disabled);
  if (!disabled) return;
  log("warn", "webhook disabled after failing for 3 days", { org_id: params.orgId, webhook_id: disabled.id });
  await recordAudit(tx, { orgId: params.orgId, actor: systemActor, requestId: `webhook_${disabled.id}`, note: null }, [
    {
      chatroomId: null,
      action: "webhook.updated",
      changes: { enabled: { before: true, after: false } },
      details: {
        reason: "its deliveries failed for 3 days",
        webhook: { id: disabled.id, url: disabled.url, types: disabled.types, description: disabled.description, enabled: false },
      },
      at: params.now,
    },
  ]);
}

export interface DeliveryPass {
  attempted: number;
  succeeded: number;
}

/** One round of work: dispatch what became visible, then send everything due until nothing is. */
export async function runDeliveryPass(services: Services, policy: TargetPolicy, random: () => number = Math.random): Promise<DeliveryPass> {
  while (await dispatchEvents(services)) {
    // more events to turn into deliveries
  }
  const pass: DeliveryPass = { attempted: 0, succeeded: 0 };
  for (;;) {
    const claimed = await claimDeliveries(services, CLAIM_BATCH);
    if (claimed.length === 0) return pass;
    await Promise.all(
      claimed.map(async (delivery) => {
        const outcome = await send(delivery, services, policy);
        await recordAttempt(services, delivery, outcome, random);
        pass.attempted += 1;
        if (outcome.ok) pass.succeeded += 1;
      }),
    );
  }
}

/** Sends one delivery now, outside the worker's queue (a ping from POST .../test). */
export async function sendDeliveryNow(services: Services, deliveryId: number, policy: TargetPolicy): Promise<void> {
  const [claimed] = rowsOf<ClaimedDelivery>(
    await services.db.execute(sql`
      select d.id, d.org_id, d.subscription_id, d.event_id, d.event_type, d.attempts, s.url, s.secret,
        e.xact, e.chatroom_id, e.actor, e.occurred_at, e.data
      from ${webhookDeliveries} d join ${webhookSubscriptions} s on s.id = d.subscription_id
      left join ${events} e on e.id = d.event_id
      where d.id = ${deliveryId}`),
  );
  if (!claimed) return;
  await recordAttempt(services, claimed, await send(claimed, services, policy), Math.random);
}

/**
 * The in-process delivery worker: a pass whenever events become visible (the stream's watcher) and at
 * least every `intervalMs` for retries that come due; never two passes at once. Returns a stop function.
 */
export function startDeliveryWorker(getServices: () => Promise<Services>, options: { intervalMs: number; policy: TargetPolicy }): () => void {
  const stopped = new AbortController();
  void (async () => {
    while (!stopped.signal.aborted) {
      let wait = Promise.resolve();
      try {
        const services = await getServices();
        const armed = eventWatcher(services.db).arm(null);
        try {
          await runDeliveryPass(services, options.policy);
        } catch (error) {
          log("error", "webhook delivery pass failed", errorFields(error));
        }
        wait = armed.wait(options.intervalMs, stopped.signal).finally(() => armed.cancel());
      } catch (error) {
        log("error", "webhook delivery worker cannot reach the database", errorFields(error));
        wait = new Promise((resolve) => setTimeout(resolve, options.intervalMs));
      }
      await wait;
    }
  })();
  return () => stopped.abort();
}
