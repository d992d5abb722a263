import { eq } from "drizzle-orm";
import { afterEach, describe, expect, inject, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { webhookDeliveries, webhookSubscriptions } from "@/lib/db/schema";
import { ApiError } from "@/lib/errors";
import { useTestApp } from "@/lib/testing/app";
import { eventsAfter, holdHorizon, latestEventId, settleEvents } from "@/lib/testing/events";
import { tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, newContact } from "@/lib/testing/helpers";
import { startReceiver, verifySignature, type Receiver } from "@/lib/testing/receiver";
import { createWebhook } from "./service";
import { postWebhook } from "./send";
import { retryDelayMs, runDeliveryPass, startDeliveryWorker } from "./worker";

const onPostgres = inject("postgresUrl") !== "";
const allowLoopback = { allowPrivateTargets: true };
/** The longest delay of each retry, so that advancing the clock by it always makes the retry due. */
const noJitter = () => 1;

describe("webhooks", () => {
  const app = useTestApp();
  const services = () => ({ db: app.database.db, clock: app.clock });
  const receivers: Receiver[] = [];
  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };
  afterEach(async () => {
    // Subscriptions of one test must not receive the next test's events.
    await app.database.db.delete(webhookSubscriptions);
    await Promise.all(receivers.splice(0).map((started) => started.close()));
  });
  const subscribe = async (url: string, types = ["chatroom.created", "chatroom.deactivated"], token = tokens.adminA) => {
    const answer = await app.call("POST", "/v1/org/org_a/webhooks", { token, body: { url, types, description: "CRM sync" } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { id: string; secret: string };
  };
  /** A pass of the worker, once every event of the requests already answered is visible (a shared server may hold them back). */
  const deliver = async () => {
    await settleEvents(app);
    return runDeliveryPass(services(), allowLoopback, noJitter);
  };
  const deliveriesOf = async (webhookId: string) =>
    (await app.call("GET", `/v1/org/org_a/webhooks/${webhookId}/deliveries?limit=200`)).body.items.reverse();

  it("creates a subscription whose secret is shown once; list, get, change, pause and delete it", async () => {
    const sink = await receiver();
    const created = await subscribe(sink.url);
    expect(created).toMatchObject({ id: expect.stringMatching(/^wh_/), url: sink.url, enabled: true, disabled_reason: null, description: "CRM sync" });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const listed = await app.call("GET", "/v1/org/org_a/webhooks");
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([created.id]);
    const got = await app.call("GET", `/v1/org/org_a/webhooks/${created.id}`);
    for (const answer of [listed, got]) expect(JSON.stringify(answer.body)).not.toContain(created.secret);

    const paused = await app.call("PATCH", `/v1/org/org_a/webhooks/${created.id}`, { body: { enabled: false, types: ["message.received"] } });
    expect(paused.body).toMatchObject({ enabled: false, disabled_reason: "requested", types: ["message.received"] });
    const resumed = await app.call("PATCH", `/v1/org/org_a/webhooks/${created.id}`, { body: { enabled: true } });
    expect(resumed.body).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null });

    const deleted = await app.call("DELETE", `/v1/org/org_a/webhooks/${created.id}`);
    expect(deleted.status).toBe(200);
    expect((await app.call("GET", `/v1/org/org_a/webhooks/${created.id}`)).body).toMatchObject({ error_message: "NOT_FOUND", payload: { kind: "webhook" } });
    const audit = (await app.call("GET", "/v1/org/org_a/audit?limit=4")).body.items.map((item: { action: string }) => item.action);
    expect(audit).toEqual(["webhook.deleted", "webhook.updated", "webhook.updated", "webhook.created"]);
  });

  it("refuses bad subscriptions with field issues, and changes nothing", async () => {
    const cases: [unknown, string][] = [
      [{ url: "not a url", types: ["chatroom.created"] }, "body.url"],
      [{ url: "ftp://example.com/x", types: ["chatroom.created"] }, "body.url"],
      [{ url: "https://user:pw@example.com/x", types: ["chatroom.created"] }, "body.url"],
      [{ url: "https://example.com/x", types: [] }, "body.types"],
      [{ url: "https://example.com/x", types: ["chatroom.exploded"] }, "body.types.0"],
    ];
    for (const [body, path] of cases) {
      const answer = await app.call("POST", "/v1/org/org_a/webhooks", { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.payload.issues[0].path).toBe(path);
    }
    expect(await app.database.db.select().from(webhookSubscriptions)).toEqual([]);
  });

  it("refuses loopback, private, link-local and mapped targets unless private targets are allowed", async () => {
    const context = { orgId: "org_a", actor: { type: "user" as const, id: "u_admin_a", role: "ADMIN" as const, onBehalfOf: null, impersonator: null }, requestId: "req_private", note: null };
    for (const url of [
      "http://127.0.0.1:9/x",
      "http://localhost/x",
      "http://api.localhost/x",
      "http://[::1]/x",
      "http://[::ffff:127.0.0.1]/x",
      "http://10.1.2.3/x",
      "http://172.16.0.1/x",
      "http://192.168.1.1/x",
      "http://169.254.169.254/latest/meta-data",
      "http://0.0.0.0/x",
    ]) {
      const refused = await createWebhook(services(), context, { url, types: ["chatroom.created"], description: "" }, { allowPrivateTargets: false }).catch((error) => error);
      expect(refused, url).toBeInstanceOf(ApiError);
      expect(refused.payload.issues[0]).toEqual({ path: "body.url", message: "must not point at a loopback or private address" });
    }
    expect(await app.database.db.select().from(webhookSubscriptions)).toEqual([]);

    // At send time too: a name that resolves to loopback is refused before connecting.
    const sink = await receiver();
    const port = new URL(sink.url).port;
    for (const url of [`http://localhost:${port}/hooks`, sink.url]) {
      const outcome = await postWebhook(url, "{}", {}, { allowPrivateTargets: false });
      expect(outcome).toMatchObject({ ok: false, status: null, error: expect.stringContaining("loopback or private address") });
    }
    expect(sink.receipts).toEqual([]);
  });

  it("signs each delivery so that a receiver using only the documented scheme verifies it; the body is the event as listed", async () => {
    const sink = await receiver();
    const webhook = await subscribe(sink.url);
    const start = await latestEventId(app);
    const room = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;
    const pass = await deliver();
    expect(pass).toEqual({ attempted: 1, succeeded: 1 });

    const [receipt] = sink.receipts;
    const [event] = (await eventsAfter(app, start)).filter((seen) => seen.type === "chatroom.created");
    expect(receipt!.headers["content-type"]).toBe("application/json");
    expect(receipt!.headers["switchboard-event-id"]).toBe(event!.id);
    expect(receipt!.headers["switchboard-event-type"]).toBe("chatroom.created");
    expect(verifySignature(receipt!.headers["switchboard-signature"] as string, receipt!.body, webhook.secret, app.clock.now())).toBe(true);
    expect(JSON.parse(receipt!.body)).toEqual(event);
    expect(event!.chatroom_id).toBe(room.chatroom_id);
    // The same body with another secret, another body, or an old timestamp does not verify.
    expect(verifySignature(receipt!.headers["switchboard-signature"] as string, receipt!.body, "whsec_other", app.clock.now())).toBe(false);
    expect(verifySignature(receipt!.headers["switchboard-signature"] as string, receipt!.body + " ", webhook.secret, app.clock.now())).toBe(false);
    expect(verifySignature(receipt!.headers["switchboard-signature"] as string, receipt!.body, webhook.secret, new Date(app.clock.now().getTime() + 6 * 60_000))).toBe(false);

    const [record] = await deliveriesOf(webhook.id);
    expect(record).toMatchObject({ status: "succeeded", attempts: 1, response_status: 200, response_body: "thanks", event_id: event!.id, next_attempt_at: null, error: null });
    expect(record.response_latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("sends only the subscribed types, and only events from the subscription's creation on", async () => {
    const lead = await newContact(app);
    const earlier = (await createRoom(app, { lead_id: lead.id })).body;
    const sink = await receiver();
    await subscribe(sink.url, ["chatroom.deactivated"]);
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${earlier.chatroom_id}/deactivate`, { body: {} });
    await createRoom(app, { lead_id: (await newContact(app)).id });
    await deliver();
    expect(sink.receipts.map((receipt) => receipt.headers["switchboard-event-type"])).toEqual(["chatroom.deactivated"]);
  });

  it.runIf(onPostgres)("a subscription made while an older transaction is open gets none of the events committed before it (PostgreSQL: PGlite has one connection)", async () => {
    const horizon = await holdHorizon(app);
    try {
      const earlier = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;
      const sink = await receiver();
      await subscribe(sink.url, ["chatroom.created"]);
      const later = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;
      await horizon.release();
      await deliver();
      expect(earlier.chatroom_id).not.toBe(later.chatroom_id);
      expect(sink.receipts.map((receipt) => JSON.parse(receipt.body).chatroom_id)).toEqual([later.chatroom_id]);
    } finally {
      await horizon.release();
    }
  });

  it("POST .../test sends a ping now, and answers its delivery record", async () => {
    const sink = await receiver();
    const webhook = await subscribe(sink.url);
    const ping = await app.call("POST", `/v1/org/org_a/webhooks/${webhook.id}/test`);
    expect(ping.status).toBe(200);
    expect(ping.body).toMatchObject({ event_type: "ping", event_id: null, status: "succeeded", attempts: 1, response_status: 200 });
    expect(sink.receipts).toHaveLength(1);
    const body = JSON.parse(sink.receipts[0]!.body);
    expect(body).toMatchObject({ type: "ping", org_id: "org_a", data: { webhook_id: webhook.id } });
    expect(verifySignature(sink.receipts[0]!.headers["switchboard-signature"] as string, sink.receipts[0]!.body, webhook.secret, app.clock.now())).toBe(true);

    const broken = await receiver(() => 503);
    const failing = await subscribe(broken.url);
    const failed = await app.call("POST", `/v1/org/org_a/webhooks/${failing.id}/test`);
    expect(failed.body).toMatchObject({ status: "failed", response_status: 503, response_body: "nope 503", next_attempt_at: null });
    expect((await app.call("GET", `/v1/org/org_a/webhooks/${failing.id}`)).body.failing_since).toBeNull();
  });

  it("a receiver that fails 3 times then succeeds gets the event once it recovers, and the chatroom's later event after it, in order", async () => {
    const failing = { chatroomId: "", left: 3 };
    const sink = await receiver((_, body) => (JSON.parse(body).chatroom_id === failing.chatroomId && failing.left-- > 0 ? 500 : 200));
    const webhook = await subscribe(sink.url);
    const room = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;
    failing.chatroomId = room.chatroom_id;
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${room.chatroom_id}/deactivate`, { body: {} });
    const other = (await createRoom(app, { lead_id: (await newContact(app)).id })).body;

    await deliver();
    for (let attempt = 1; attempt <= 3; attempt++) {
      app.clock.advance(retryDelayMs(attempt, noJitter));
      await deliver();
    }
    const receiptsOf = (chatroomId: string) =>
      sink.receipts
        .filter((receipt) => JSON.parse(receipt.body).chatroom_id === chatroomId)
        .map((receipt) => `${receipt.headers["switchboard-event-type"]} ${receipt.status}`);
    // The deactivation waits while the creation is retried, and goes right after it.
    expect(receiptsOf(room.chatroom_id)).toEqual([
      "chatroom.created 500",
      "chatroom.created 500",
      "chatroom.created 500",
      "chatroom.created 200",
      "chatroom.deactivated 200",
    ]);
    // Another chatroom's event is not held up by those retries.
    expect(receiptsOf(other.chatroom_id)).toEqual(["chatroom.created 200"]);
    expect(sink.receipts.findIndex((receipt) => JSON.parse(receipt.body).chatroom_id === other.chatroom_id)).toBeLessThan(2);

    const records = await deliveriesOf(webhook.id);
    expect(records.map((record: { event_type: string; chatroom_id: string; status: string; attempts: number }) => [record.chatroom_id, record.event_type, record.status, record.attempts])).toEqual([
      [room.chatroom_id, "chatroom.created", "succeeded", 4],
      [room.chatroom_id, "chatroom.deactivated", "succeeded", 1],
      [other.chatroom_id, "chatroom.created", "succeeded", 1],
    ]);
    expect((await app.call("GET", `/v1/org/org_a/webhooks/${webhook.id}`)).body.failing_since).toBeNull();
  });

  it("backs off exponentially with jitter, from about 10 s up to an hour", () => {
    expect(retryDelayMs(1, () => 0)).toBe(5_000);
    expect(retryDelayMs(1, () => 1)).toBe(10_000);
    expect(retryDelayMs(2, () => 1)).toBe(20_000);
    expect(retryDelayMs(5, () => 1)).toBe(160_000);
    expect(retryDelayMs(20, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(20, () => 0)).toBe(1_800_000);
  });

  it("retries for 24 h then marks the delivery failed; a subscription failing for 3 days is disabled, and says so", async () => {
    const sink = await receiver(() => 500);
    const webhook = await subscribe(sink.url);
    const start = await latestEventId(app);
    for (let day = 0; day < 4; day++) {
      await createRoom(app, { lead_id: (await newContact(app)).id });
      for (let step = 0; step < 30; step++) {
        await deliver();
        app.clock.advance(60 * 60 * 1000);
      }
    }
    const records = await deliveriesOf(webhook.id);
    const state = (await app.call("GET", `/v1/org/org_a/webhooks/${webhook.id}`)).body;
    expect(state).toMatchObject({ enabled: false, disabled_reason: "failing" });
    expect(new Date(state.disabled_at).getTime() - new Date(state.failing_since).getTime()).toBeGreaterThanOrEqual(3 * DAY);
    // Every delivery made before it was disabled was tried for 24 h and failed; none is left pending.
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records.filter((entry: { status: string }) => entry.status === "failed")) {
      expect(new Date(record.settled_at).getTime() - new Date(record.created_at).getTime()).toBeGreaterThanOrEqual(DAY);
      expect(record.attempts).toBeGreaterThan(10);
    }
    const disabling = (await eventsAfter(app, start, { types: "webhook.updated" })).at(-1)!;
    expect(disabling).toMatchObject({ actor: { type: "system" }, data: { id: webhook.id, enabled: false } });

    // A disabled subscription gets nothing more.
    const received = sink.receipts.length;
    await createRoom(app, { lead_id: (await newContact(app)).id });
    app.clock.advance(DAY);
    await deliver();
    expect(sink.receipts.length).toBe(received);
  });

  it("follows no redirect: a 3xx is a failed attempt", async () => {
    const target = await receiver();
    const redirecting = await receiver(() => ({ status: 302, location: target.url }));
    const webhook = await subscribe(redirecting.url);
    await createRoom(app, { lead_id: (await newContact(app)).id });
    await deliver();
    expect(target.receipts).toEqual([]);
    const [record] = await deliveriesOf(webhook.id);
    expect(record).toMatchObject({ status: "pending", response_status: 302, attempts: 1 });
  });

  it("an answer later than 10 s is a failed attempt", async () => {
    const sink = await receiver(() => "hang");
    const webhook = await subscribe(sink.url);
    await createRoom(app, { lead_id: (await newContact(app)).id });
    const started = Date.now();
    await deliver();
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
    const [record] = await deliveriesOf(webhook.id);
    expect(record).toMatchObject({ status: "pending", response_status: null, error: "no answer within 10 s" });
  }, 30_000);

  it("redeliver queues a new delivery of the same event, sent again with the same event id", async () => {
    const sink = await receiver();
    const webhook = await subscribe(sink.url);
    await createRoom(app, { lead_id: (await newContact(app)).id });
    await deliver();
    const [original] = await deliveriesOf(webhook.id);
    const again = await app.call("POST", `/v1/org/org_a/webhooks/${webhook.id}/deliveries/${original.id}/redeliver`);
    expect(again.body).toMatchObject({ status: "pending", redelivery_of: original.id, event_id: original.event_id, attempts: 0 });
    await deliver();
    expect(sink.receipts.map((receipt) => receipt.headers["switchboard-event-id"])).toEqual([original.event_id, original.event_id]);
    expect((await app.call("POST", `/v1/org/org_a/webhooks/${webhook.id}/deliveries/999999/redeliver`)).body.payload.kind).toBe("webhook_delivery");
    expect((await app.call("POST", `/v1/org/org_a/webhooks/${webhook.id}/deliveries/nope/redeliver`)).status).toBe(404);
  });

  it("another org's subscriptions and deliveries are a 404, never their data", async () => {
    const sink = await receiver();
    const webhook = await subscribe(sink.url);
    const fromB = await app.call("GET", `/v1/org/org_b/webhooks/${webhook.id}`, { token: tokens.adminB });
    expect(fromB.status).toBe(404);
    expect((await app.call("GET", "/v1/org/org_b/webhooks", { token: tokens.adminB })).body.items).toEqual([]);
    expect((await app.call("GET", `/v1/org/org_b/webhooks/${webhook.id}/deliveries`, { token: tokens.adminB })).status).toBe(404);
  });

  it.runIf(onPostgres)("two app instances on one PostgreSQL deliver each event once (PostgreSQL; PGlite has one process)", async () => {
    const sink = await receiver();
    const webhook = await subscribe(sink.url, ["chatroom.created", "contact.created"]);
    const instances = await Promise.all([0, 1].map(() => openDatabase({ kind: "postgres", url: app.database.url!, poolSize: 4 }, { migrate: false })));
    const workers = instances.map((instance) =>
      startDeliveryWorker(async () => ({ db: instance.db, clock: app.clock }), { intervalMs: 50, policy: allowLoopback }),
    );
    try {
      const rooms = await Promise.all(Array.from({ length: 20 }, async () => (await createRoom(app, { lead_id: (await newContact(app)).id })).body));
      expect(rooms.every((room) => room.chatroom_id)).toBe(true);
      const deadline = Date.now() + 30_000;
      while (sink.receipts.length < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      for (const stop of workers) stop();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await Promise.all(instances.map((instance) => instance.close()));
    }
    const ids = sink.receipts.map((receipt) => receipt.headers["switchboard-event-id"]);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    const records = await app.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, webhook.id));
    expect(records.map((record) => [record.status, record.attempts])).toEqual(records.map(() => ["succeeded", 1]));
  });
});
