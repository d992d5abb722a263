import { describe, expect, inject, it } from "vitest";
import { createContact } from "@/lib/contacts/service";
import { openDatabase } from "@/lib/db/client";
import { systemActor } from "@/lib/principals/actor";
import { useTestApp } from "@/lib/testing/app";
import { eventsAfter, holdHorizon, latestEventId, openStream } from "@/lib/testing/events";
import { tokens } from "@/lib/testing/fixture";
import { createRoom, newContact, uniqueNumber } from "@/lib/testing/helpers";
import { deliver, delivery, textMessage } from "@/lib/testing/whatsapp";

const onPostgres = inject("postgresUrl") !== "";

describe("the event stream (Server-Sent Events)", () => {
  const app = useTestApp();

  it("answers text/event-stream with a retry, then each event with `id:` and its JSON as `data:`", async () => {
    const stream = await openStream(app);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(stream.headers.get("cache-control")).toBe("no-cache, no-transform");
      const lead = await newContact(app);
      const [event] = await stream.next(1);
      expect(event).toMatchObject({ type: "contact.created", org_id: "org_a", data: { id: lead.id } });
      expect(stream.ids).toEqual([event!.id]);
      expect(stream.retry).toBe(3000);
    } finally {
      stream.close();
    }
  });

  it("resumes after the Last-Event-ID header, which wins over `after`, and never repeats or skips an event", async () => {
    const start = await latestEventId(app);
    const first = await openStream(app, { query: `?after=${start}` });
    const leads = [];
    for (let i = 0; i < 3; i++) leads.push(await newContact(app));
    const seen = await first.next(3);
    first.close();
    expect(seen.map((event) => event.data.id)).toEqual(leads.map((lead) => lead.id));
    for (let i = 0; i < 2; i++) leads.push(await newContact(app));

    // A reconnecting EventSource sends the last id it got; its URL still has the old `after`.
    const resumed = await openStream(app, { query: `?after=${start}`, headers: { "last-event-id": seen[1]!.id } });
    try {
      const rest = await resumed.next(3);
      expect(rest.map((event) => event.data.id)).toEqual(leads.slice(2).map((lead) => lead.id));
      expect(rest.map((event) => event.id)).toEqual([seen[2]!.id, ...rest.slice(1).map((event) => event.id)]);
      expect([...rest.map((event) => event.id)].sort()).toEqual(rest.map((event) => event.id));
    } finally {
      resumed.close();
    }
  });

  it("without a position it sends the events from now on", async () => {
    await newContact(app);
    const stream = await openStream(app);
    try {
      const lead = await newContact(app);
      const [event] = await stream.next(1);
      expect(event!.data.id).toBe(lead.id);
    } finally {
      stream.close();
    }
  });

  it.runIf(onPostgres)("from now on means after every event already committed, while an older transaction is still open (PostgreSQL: PGlite has one connection)", async () => {
    const horizon = await holdHorizon(app);
    try {
      await newContact(app);
      const stream = await openStream(app);
      try {
        const lead = await newContact(app);
        await horizon.release();
        const [event] = await stream.next(1);
        expect(event!.data.id).toBe(lead.id);
      } finally {
        stream.close();
      }
    } finally {
      await horizon.release();
    }
  });

  it("sends a heartbeat comment after 15 s without events", async () => {
    const stream = await openStream(app, { orgId: "org_c", token: tokens.adminC });
    try {
      const started = Date.now();
      while (!stream.comments.includes("heartbeat")) {
        expect(Date.now() - started).toBeLessThan(20_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(14_000);
    } finally {
      stream.close();
    }
  }, 30_000);

  it("refuses before streaming, in ErrorRespDto: no key, another org, a bad Last-Event-ID, an unknown type", async () => {
    const cases: [Parameters<typeof openStream>[1], number, string][] = [
      [{ token: "test-token-nobody-knows-this".padEnd(40, "0") }, 401, "UNAUTHORIZED"],
      [{ token: tokens.adminB }, 403, "ORG_ACCESS_DENIED"],
      [{ token: tokens.partnerOther }, 403, "ORG_ACCESS_DENIED"],
      [{ headers: { "last-event-id": "not-an-id" } }, 400, "VALIDATION_FAILED"],
      [{ query: "?types=chatroom.nope" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [options, status, name] of cases) {
      const response = await fetch(`${app.server.url}/v1/org/org_a/events/stream${options?.query ?? ""}`, {
        headers: { authorization: `Bearer ${options?.token ?? tokens.adminA}`, ...options?.headers },
      });
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect((await response.json()).error_message).toBe(name);
    }
  });

  it.runIf(onPostgres)("streams what another instance writes on the same PostgreSQL (no in-memory fan-out)", async () => {
    const stream = await openStream(app);
    // A second pool, as another app instance has: its writes reach this process only through the database.
    const other = await openDatabase({ kind: "postgres", url: app.database.url!, poolSize: 2 }, { migrate: false });
    try {
      const contact = await createContact({ db: other.db, clock: app.clock }, { orgId: "org_a", actor: systemActor, requestId: "req_other_instance", note: null }, {
        crm_id: `OTHER-${Date.now()}`,
        phone_number: uniqueNumber(),
        first_name: "From",
        last_name: "Elsewhere",
      });
      const [event] = await stream.next(1);
      expect(event).toMatchObject({ type: "contact.created", data: { id: contact.id } });
    } finally {
      stream.close();
      await other.close();
    }
  });
});

describe("R22 and access rules on the event list and the stream", () => {
  const app = useTestApp();
  const say = async (phoneNumber: string, text: string) => {
    expect((await deliver(app, delivery({ messages: [textMessage(phoneNumber, text)] }))).status).toBe(200);
  };

  it("R22: a MEMBER sees its chatrooms' events, message events from its grant under `joined`, the org-level events, nothing else; ADMINs see all", async () => {
    expect((await app.call("PUT", "/v1/org/org_a/config", { body: { history_visibility: "joined" } })).status).toBe(200);
    const start = await latestEventId(app);
    const streams = {
      agent1: await openStream(app, { token: tokens.agent1A, query: `?after=${start}` }),
      impersonated: await openStream(app, { headers: { "x-impersonate-user": "u_agent1" }, query: `?after=${start}` }),
      member: await openStream(app, { token: tokens.memberA, query: `?after=${start}` }),
      partner: await openStream(app, { token: tokens.partnerLinked, query: `?after=${start}` }),
    };
    try {
      const lead = await newContact(app);
      const room = (await createRoom(app, { lead_id: lead.id })).body;
      await say(lead.phone_number, "before the agent");
      app.clock.advance(60_000);
      await app.call("POST", `/v2/org/org_a/waba/chatroom/${room.chatroom_id}/reassign`, { body: { user_id: "u_agent1" } });
      app.clock.advance(60_000);
      await say(lead.phone_number, "after the agent");
      await say(uniqueNumber(), "nobody's");
      await createRoom(app, { lead_id: "c_1" });
      await createRoom(app, { lead_id: "c_2" });
      await app.call("PUT", "/v1/org/org_a/config", { body: { history_visibility: "shared" } });

      const all = [
        "contact.created",
        "chatroom.created",
        "message.received",
        "chatroom.reassigned",
        "message.received",
        "message.received",
        "chatroom.created",
        "conflict.recorded",
        "config.updated",
      ];
      // The agent was granted after the first message: it sees the room's events but not that message.
      const agent = ["contact.created", "chatroom.created", "chatroom.reassigned", "message.received", "config.updated"];
      const stranger = ["contact.created", "config.updated"];
      const list = async (options: Parameters<typeof eventsAfter>[2]) => (await eventsAfter(app, start, options)).map((event) => event.type);
      expect(await list({})).toEqual(all);
      expect(await list({ token: tokens.partnerLinked })).toEqual(all);
      expect(await list({ token: tokens.agent1A })).toEqual(agent);
      expect(await list({ headers: { "x-impersonate-user": "u_agent1" } })).toEqual(agent);
      expect(await list({ token: tokens.memberA })).toEqual(stranger);
      expect(await list({ token: tokens.partnerLinked, headers: { "x-impersonate-user": "u_member_a" } })).toEqual(stranger);

      // The stream applies the rules as each event goes by: if the room's creation went by before the agent
      // was granted, the agent's stream skipped it (its reassign event carries the room as it then was).
      const live = async (stream: Awaited<ReturnType<typeof openStream>>) =>
        (await stream.through("config.updated")).map((event) => event.type).filter((type) => type !== "chatroom.created");
      const agentLive = agent.filter((type) => type !== "chatroom.created");
      expect(await live(streams.agent1)).toEqual(agentLive);
      expect(await live(streams.impersonated)).toEqual(agentLive);
      expect((await streams.member.next(stranger.length)).map((event) => event.type)).toEqual(stranger);
      expect((await streams.partner.next(all.length)).map((event) => event.type)).toEqual(all);
      // Nothing more arrives for the stranger than what it may see.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await expect(streams.member.next(1, 200)).rejects.toThrow();
    } finally {
      for (const stream of Object.values(streams)) stream.close();
    }
  });

  it("another org's ADMIN and an unlinked partner are refused on the list and the stream", async () => {
    for (const token of [tokens.adminB, tokens.partnerOther]) {
      const listed = await app.call("GET", "/v1/org/org_a/events", { token });
      expect(listed.status).toBe(403);
      expect(listed.body.error_message).toBe("ORG_ACCESS_DENIED");
      const stream = await openStream(app, { token });
      expect(stream.status).toBe(403);
    }
    // Org B's own events are its own: org A's never show there.
    const inB = await eventsAfter(app, undefined, { token: tokens.adminB, orgId: "org_b" });
    expect(inB.every((event) => event.org_id === "org_b")).toBe(true);
  });
});
