import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { startSweeper } from "@/lib/chatrooms/sweeper";
import { events, webhookDeliveries, webhookSubscriptions } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { settleEvents } from "@/lib/testing/events";
import { DAY, newContact } from "@/lib/testing/helpers";
import { startReceiver } from "@/lib/testing/receiver";
import { runDeliveryPass } from "@/lib/webhooks/worker";
import { purgeOldEvents } from "./retention";

describe("event retention", () => {
  const app = useTestApp();
  const services = () => ({ db: app.database.db, clock: app.clock });
  const eventIdsOfContact = async (contactId: string) =>
    (
      await app.database.db
        .select({ id: events.id })
        .from(events)
        .where(sql`${events.data}->>'id' = ${contactId}`)
    ).map((row) => row.id);
  /** Dates events as stored by the database `days` ago: retention counts from when the database stored them. */
  const age = (ids: number[], days: number) =>
    app.database.db
      .update(events)
      .set({ recordedAt: sql`now() - make_interval(days => ${days})` })
      .where(inArray(events.id, ids));

  it("purges events stored more than EVENT_RETENTION_DAYS ago and settled deliveries made before it, in batches; keeps what a pending delivery needs", async () => {
    const sink = await startReceiver((index) => (index === 0 ? 200 : 500));
    try {
      const subscribed = await app.call("POST", "/v1/org/org_a/webhooks", { body: { url: sink.url, types: ["contact.created"] } });
      expect(subscribed.status).toBe(200);
      const old = [await newContact(app), await newContact(app), await newContact(app)];
      const fresh = await newContact(app);
      await settleEvents(app);
      await runDeliveryPass(services(), { allowPrivateTargets: true });
      // The first delivery succeeded; the others failed and wait for a retry.
      const deliveries = await app.database.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id);
      expect(deliveries.map((delivery) => delivery.status)).toEqual(["succeeded", "pending", "pending", "pending"]);

      const oldIds = (await Promise.all(old.map((contact) => eventIdsOfContact(contact.id)))).flat();
      await age(oldIds, 31);
      app.clock.advance(31 * DAY);
      const purged = await purgeOldEvents(services(), { retentionDays: 30, batchSize: 1 });
      // The first old event and its settled delivery go; the two with a pending delivery stay until it settles.
      expect(purged).toEqual({ events: 1, deliveries: 1 });
      expect(await eventIdsOfContact(old[0]!.id)).toEqual([]);
      expect(await eventIdsOfContact(old[1]!.id)).toHaveLength(1);
      expect(await eventIdsOfContact(fresh.id)).toHaveLength(1);

      await app.database.db.update(webhookDeliveries).set({ status: "failed" }).where(eq(webhookDeliveries.status, "pending"));
      expect(await purgeOldEvents(services(), { retentionDays: 30, batchSize: 1 })).toEqual({ events: 2, deliveries: 3 });
      expect(await eventIdsOfContact(fresh.id)).toHaveLength(1);
      expect(await purgeOldEvents(services(), { retentionDays: 30 })).toEqual({ events: 0, deliveries: 0 });
    } finally {
      await app.database.db.delete(webhookSubscriptions);
      await sink.close();
    }
  });

  it("the server's sweeper purges on its interval", async () => {
    const contact = await newContact(app);
    const recent = await newContact(app);
    await age(await eventIdsOfContact(contact.id), 40);
    const stop = startSweeper(async () => services(), { intervalMs: 50, conflictRetentionDays: 90, eventRetentionDays: 30 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await eventIdsOfContact(contact.id)).length > 0) {
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      stop();
    }
    expect((await eventIdsOfContact(recent.id)).length).toBeGreaterThan(0);
  });
});
