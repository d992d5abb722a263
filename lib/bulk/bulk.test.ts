import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { auditEvents, bulkJobResults, bulkJobs, chatroomMembers, chatrooms, events, pendingAssignments } from "@/lib/db/schema";
import { useTestApp } from "@/lib/testing/app";
import { accountIds, tokens } from "@/lib/testing/fixture";
import { createRoom, DAY, newContact, newOrg, type TestOrg } from "@/lib/testing/helpers";
import { runBulkBatch, runBulkJobs } from "./runner";

describe("bulk actions over chatrooms", () => {
  const app = useTestApp();
  const services = () => ({ db: app.database.db, clock: app.clock });

  const bulk = (org: TestOrg, body: unknown, options: { token?: string; headers?: Record<string, string> } = {}) =>
    app.call("POST", `/v1/org/${org.id}/chatrooms/bulk`, { token: options.token ?? org.token, body, headers: options.headers });
  const job = (org: TestOrg, bulkId: string, query = "") =>
    app.call("GET", `/v1/org/${org.id}/bulk/${bulkId}${query}`, { token: org.token });

  /** An org of the test's own with active rooms, one deactivated through the API and one past its expiry. */
  async function orgWithRooms(active: number) {
    const org = await newOrg(app, { users: ["ann", "bob"], disabled: ["off"], groups: { sales: ["ann", "bob"], empty: [] } });
    const roomIds: string[] = [];
    for (let i = 0; i < active + 2; i++) {
      const contact = await newContact(app, {}, org);
      const room = await createRoom(app, { lead_id: contact.id }, org);
      expect(room.status, JSON.stringify(room.body)).toBe(200);
      roomIds.push(room.body.chatroom_id);
    }
    const [deactivated, expired] = roomIds.slice(-2) as [string, string];
    const closed = await app.call("PUT", `/v1/org/${org.id}/contacts/chatroom/${deactivated}/deactivate`, { token: org.token, body: {} });
    expect(closed.status).toBe(200);
    // Made 31 days ago: past its 30-day expiry (R1).
    const ago = (days: number) => new Date(app.clock.now().getTime() - days * DAY);
    await app.database.db
      .update(chatrooms)
      .set({ createdAt: ago(31), lastActivityAt: ago(31), inactivityDeadline: ago(24), expiryTs: ago(1) })
      .where(eq(chatrooms.id, expired));
    return { org, active: roomIds.slice(0, active), deactivated, expired, all: roomIds };
  }

  /** Everything a bulk change could touch in an org, to compare before and after. */
  async function orgState(orgId: string) {
    const { db } = app.database;
    return {
      chatrooms: await db.select().from(chatrooms).where(eq(chatrooms.orgId, orgId)).orderBy(asc(chatrooms.id)),
      members: await db.select().from(chatroomMembers).where(eq(chatroomMembers.orgId, orgId)).orderBy(asc(chatroomMembers.id)),
      pending: await db.select().from(pendingAssignments).where(eq(pendingAssignments.orgId, orgId)),
      audit: await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId)).orderBy(asc(auditEvents.id)),
      events: await db.select({ id: events.id }).from(events).where(eq(events.orgId, orgId)).orderBy(asc(events.id)),
      jobs: await db.select().from(bulkJobs).where(eq(bulkJobs.orgId, orgId)),
    };
  }

  const bulkAuditOf = (bulkId: string) =>
    app.database.db.select().from(auditEvents).where(eq(auditEvents.bulkId, bulkId)).orderBy(asc(auditEvents.id));

  const runAll = () => runBulkJobs(services(), { batchSize: 2 });

  it("R15: a dry run changes nothing and counts each room by the single-room decision", async () => {
    const { org } = await orgWithRooms(3);
    const before = await orgState(org.id);
    const answer = await bulk(org, { action: "deactivate", filter: {}, params: { deactivation_reason: "SPAM" }, dry_run: true });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({
      dry_run: true,
      action: "deactivate",
      total: 5,
      would_apply: 3,
      would_skip: 2,
      skip_reasons: { already_deactivated: 1, expired: 1 },
    });
    const reassign = await bulk(org, {
      action: "reassign",
      filter: { status: "active" },
      params: { assign_details: { assign_mode: "USER", user_id: org.user.off } },
      dry_run: true,
    });
    expect(reassign.body).toMatchObject({ total: 3, would_apply: 0, would_skip: 3, skip_reasons: { no_assignable_user: 3 } });
    expect(await orgState(org.id)).toEqual(before);
  });

  it("R15, R24: a deactivate job does what the single-room endpoint does, and every audit event carries the job's bulk_id", async () => {
    const { org, active, deactivated, expired } = await orgWithRooms(3);
    const dry = await bulk(org, { action: "deactivate", filter: {}, params: { deactivation_reason: "SPAM" }, dry_run: true });
    const created = await bulk(org, { action: "deactivate", filter: {}, params: { deactivation_reason: "SPAM" } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ dry_run: false, status: "queued", total: 5, done: 0, skipped: 0, failed: 0 });
    const bulkId: string = created.body.bulk_id;
    await runAll();

    const finished = await job(org, bulkId);
    expect(finished.body).toMatchObject({ status: "done", total: 5, done: 3, skipped: 2, failed: 0, skip_reasons: { already_deactivated: 1, expired: 1 } });
    // The dry run decided as the job did.
    expect([dry.body.would_apply, dry.body.would_skip, dry.body.skip_reasons]).toEqual([finished.body.done, finished.body.skipped, finished.body.skip_reasons]);
    const outcomes = Object.fromEntries(finished.body.results.items.map((item: { chatroom_id: string; outcome: string; reason: string | null }) => [item.chatroom_id, [item.outcome, item.reason]]));
    for (const id of active) expect(outcomes[id]).toEqual(["done", null]);
    expect(outcomes[deactivated]).toEqual(["skipped", "already_deactivated"]);
    expect(outcomes[expired]).toEqual(["skipped", "expired"]);

    const rooms = await app.database.db.select().from(chatrooms).where(inArray(chatrooms.id, active));
    expect(rooms.map((room) => room.deactivationReason)).toEqual(["SPAM", "SPAM", "SPAM"]);
    const audit = await bulkAuditOf(bulkId);
    expect(audit.map((event) => event.chatroomId).sort()).toEqual([...active].sort());
    expect(audit.every((event) => event.action === "chatroom.deactivated" && event.actorType === "user")).toBe(true);
    const [expiredRoom] = await app.database.db.select().from(chatrooms).where(eq(chatrooms.id, expired));
    expect(expiredRoom!.deactivatedAt).toBeNull();
    // The audit log's API shows the bulk id.
    const listed = await app.call("GET", `/v1/org/${org.id}/audit?bulk_id=${bulkId}`, { token: org.token });
    expect(listed.body.items.map((item: { chatroom_id: string; bulk_id: string }) => [item.chatroom_id, item.bulk_id]).sort()).toEqual(
      [...active].sort().map((id) => [id, bulkId]),
    );
  });

  it("R18, R20: a reassign job skips a disabled user's rooms and leaves the only current member's room unchanged", async () => {
    const { org, active } = await orgWithRooms(3);
    const first = await app.call("POST", `/v3/org/${org.id}/lead/chatroom/${active[0]}/reassign`, {
      token: org.token,
      body: { assign_details: { assign_mode: "USER", user_id: org.user.ann } },
    });
    expect(first.status).toBe(200);

    const disabled = await bulk(org, { action: "reassign", chatroom_ids: active, params: { assign_details: { assign_mode: "USER", user_id: org.user.off } } });
    await runAll();
    expect((await job(org, disabled.body.bulk_id)).body).toMatchObject({ status: "done", done: 0, skipped: 3, skip_reasons: { no_assignable_user: 3 } });
    expect(await bulkAuditOf(disabled.body.bulk_id)).toEqual([]);

    const body = { action: "reassign", filter: { status: "active" }, params: { assign_details: { assign_mode: "USER", user_id: org.user.ann } } };
    const dry = await bulk(org, { ...body, dry_run: true });
    const toAnn = await bulk(org, body);
    await runAll();
    const finished = (await job(org, toAnn.body.bulk_id)).body;
    expect(finished).toMatchObject({ status: "done", total: 3, done: 2, skipped: 1, skip_reasons: { unchanged: 1 } });
    expect(dry.body).toMatchObject({ total: 3, would_apply: 2, would_skip: 1, skip_reasons: { unchanged: 1 } });
    const members = await app.database.db
      .select({ chatroomId: chatroomMembers.chatroomId, userId: chatroomMembers.userId })
      .from(chatroomMembers)
      .where(and(inArray(chatroomMembers.chatroomId, active), isNull(chatroomMembers.revokedAt)));
    expect(members.map((member) => member.userId)).toEqual([org.user.ann, org.user.ann, org.user.ann]);
    expect((await bulkAuditOf(toAnn.body.bulk_id)).map((event) => event.chatroomId).sort()).toEqual(active.slice(1).sort());
  });

  it("R21: a reassign job with handover leaves the rooms pending for a group", async () => {
    const { org, active } = await orgWithRooms(2);
    const created = await bulk(org, {
      action: "reassign",
      chatroom_ids: active,
      params: { assign_details: { assign_mode: "GROUP", group_id: org.group.sales, assign_on_handover: true } },
    });
    await runAll();
    expect((await job(org, created.body.bulk_id)).body).toMatchObject({ status: "done", done: 2 });
    const pending = await app.database.db.select().from(pendingAssignments).where(inArray(pendingAssignments.chatroomId, active));
    expect(pending.map((row) => row.groupId)).toEqual([org.group.sales, org.group.sales]);
  });

  it("cancel stops a job after the batch that ran; the rest stays pending", async () => {
    const { org } = await orgWithRooms(6);
    const created = await bulk(org, { action: "deactivate", filter: { status: "active" } });
    const bulkId: string = created.body.bulk_id;
    expect(await runBulkBatch(services(), { batchSize: 2, bulkId })).toMatchObject({ processed: 2, status: "running" });
    const cancelled = await app.call("POST", `/v1/org/${org.id}/bulk/${bulkId}/cancel`, { token: org.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", done: 2, total: 6 });
    await runAll();
    const after = (await job(org, bulkId, "?outcome=pending")).body;
    expect(after).toMatchObject({ status: "cancelled", done: 2 });
    expect(after.results.items).toHaveLength(4);
    expect(await bulkAuditOf(bulkId)).toHaveLength(2);
    // Cancelling a finished job answers it as it is.
    const again = await app.call("POST", `/v1/org/${org.id}/bulk/${bulkId}/cancel`, { token: org.token });
    expect(again.body).toMatchObject({ status: "cancelled", done: 2 });
  });

  it("a job stopped after one batch completes exactly once under a new runner", async () => {
    const { org, active } = await orgWithRooms(5);
    const created = await bulk(org, { action: "deactivate", chatroom_ids: active });
    const bulkId: string = created.body.bulk_id;
    expect(await runBulkBatch(services(), { batchSize: 2, bulkId })).toMatchObject({ processed: 2 });
    // A new runner, as after a restart: it takes the job from its cursor.
    await runBulkJobs(services(), { batchSize: 2 });
    expect((await job(org, bulkId)).body).toMatchObject({ status: "done", total: 5, done: 5, skipped: 0, failed: 0 });
    const audit = await bulkAuditOf(bulkId);
    expect(audit.map((event) => event.chatroomId).sort()).toEqual([...active].sort());
    const [unprocessed] = await app.database.db
      .select({ count: count() })
      .from(bulkJobResults)
      .where(and(eq(bulkJobResults.jobId, bulkId), isNull(bulkJobResults.outcome)));
    expect(unprocessed!.count).toBe(0);
  });

  it("R22-R24 access: a member is refused, another org's admin too, and a support agent needs a note that every event then carries", async () => {
    // The fixture's org A has a member, and accounts of a support agent.
    const orgA = { id: "org_a", token: tokens.adminA } as TestOrg;
    const contact = await newContact(app);
    const room = (await createRoom(app, { lead_id: contact.id })).body.chatroom_id;
    const body = { action: "deactivate", chatroom_ids: [room], params: { deactivation_reason: "DUPLICATE" } };

    const member = await bulk(orgA, body, { token: tokens.memberA });
    expect([member.status, member.body.error_message]).toEqual([403, "FORBIDDEN"]);
    const otherOrg = await bulk(orgA, body, { token: tokens.adminB });
    expect([otherOrg.status, otherOrg.body.error_message]).toEqual([403, "ORG_ACCESS_DENIED"]);
    const impersonated = await bulk(orgA, body, { headers: { "x-impersonate-user": "u_member_a" } });
    expect([impersonated.status, impersonated.body.error_message]).toEqual([403, "IMPERSONATION_NOT_ALLOWED"]);
    const support = { token: tokens.console, headers: { "x-on-behalf-of": accountIds.support } };
    const noNote = await bulk(orgA, body, support);
    expect([noNote.status, noNote.body.error_message]).toEqual([400, "VALIDATION_FAILED"]);
    expect(noNote.body.payload.issues[0].path).toBe("header.x-audit-note");

    const created = await bulk(orgA, body, { token: tokens.console, headers: { ...support.headers, "x-audit-note": "lead asked twice" } });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const bulkId: string = created.body.bulk_id;
    const memberRead = await app.call("GET", `/v1/org/org_a/bulk/${bulkId}`, { token: tokens.memberA });
    expect(memberRead.status).toBe(403);
    const cancelWithoutNote = await app.call("POST", `/v1/org/org_a/bulk/${bulkId}/cancel`, support);
    expect(cancelWithoutNote.status).toBe(400);
    await runAll();
    const audit = await bulkAuditOf(bulkId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ chatroomId: room, note: "lead asked twice", onBehalfOf: accountIds.support, actorType: "console" });
    // Another org's job is a 404 there.
    const elsewhere = await app.call("GET", `/v1/org/org_b/bulk/${bulkId}`, { token: tokens.adminB });
    expect([elsewhere.status, elsewhere.body.error_message, elsewhere.body.payload.kind]).toEqual([404, "NOT_FOUND", "bulk_job"]);
  });

  it("bad input answers the documented error and changes nothing", async () => {
    const { org, active } = await orgWithRooms(1);
    const orgB = { id: "org_b", token: tokens.adminB } as TestOrg;
    const roomOfB = (await createRoom(app, { lead_id: (await newContact(app, {}, orgB)).id }, orgB)).body.chatroom_id;
    const before = await orgState(org.id);
    const deactivate = { action: "deactivate", params: {} };
    const cases: [unknown, number, string][] = [
      [{ ...deactivate }, 400, "VALIDATION_FAILED"],
      [{ ...deactivate, filter: {}, chatroom_ids: active }, 400, "VALIDATION_FAILED"],
      [{ ...deactivate, filter: { statuss: "active" } }, 400, "VALIDATION_FAILED"],
      [{ ...deactivate, filter: { unassigned: "yes" } }, 400, "VALIDATION_FAILED"],
      [{ ...deactivate, chatroom_ids: [] }, 400, "VALIDATION_FAILED"],
      [{ action: "activate", filter: {} }, 400, "VALIDATION_FAILED"],
      [{ action: "deactivate", filter: {}, params: { deactivation_reason: "INACTIVITY" } }, 400, "VALIDATION_FAILED"],
      [{ action: "reassign", filter: {}, params: {} }, 400, "VALIDATION_FAILED"],
      [{ action: "reassign", filter: {}, params: { assign_details: { assign_mode: "USER" } } }, 400, "VALIDATION_FAILED"],
      [{ action: "reassign", filter: {}, params: { assign_details: { assign_mode: "USER", user_id: "u_nobody" } } }, 404, "NOT_FOUND"],
      [{ ...deactivate, chatroom_ids: [...active, roomOfB] }, 404, "NOT_FOUND"],
      [{ ...deactivate, chatroom_ids: [...active, roomOfB], dry_run: true }, 404, "NOT_FOUND"],
    ];
    for (const [body, status, error] of cases) {
      const answer = await bulk(org, body);
      expect([answer.status, answer.body.error_message], JSON.stringify(body)).toEqual([status, error]);
      expect(Object.keys(answer.body).sort()).toEqual(["error_code", "error_description", "error_message", "payload"]);
    }
    const malformed = await app.call("POST", `/v1/org/${org.id}/chatrooms/bulk`, { token: org.token, rawBody: "{", headers: { "content-type": "application/json" } });
    expect([malformed.status, malformed.body.error_message]).toEqual([400, "MALFORMED_JSON"]);
    const unknownJob = await job(org, "bulk_nope");
    expect([unknownJob.status, unknownJob.body.error_message]).toEqual([404, "NOT_FOUND"]);
    expect(await orgState(org.id)).toEqual(before);
  });

  describe.skipIf(!inject("postgresUrl"))("concurrency (PostgreSQL only: PGlite runs every transaction on one connection)", () => {
    it("two runners on one job never apply a room twice", async () => {
      const org = await newOrg(app, { users: ["ann"] });
      const ids: string[] = [];
      for (let i = 0; i < 24; i++) ids.push((await createRoom(app, { lead_id: (await newContact(app, {}, org)).id }, org)).body.chatroom_id);
      const created = await bulk(org, { action: "reassign", chatroom_ids: ids, params: { assign_details: { assign_mode: "USER", user_id: org.user.ann } } });
      const bulkId: string = created.body.bulk_id;
      // Each runner takes a batch whenever the other does not hold the job, until it is done.
      const runner = async () => {
        let batches = 0;
        for (;;) {
          const batch = await runBulkBatch(services(), { bulkId, batchSize: 3 });
          if (batch) batches += 1;
          if (batch?.status === "done") return batches;
          const [row] = await app.database.db.select({ status: bulkJobs.status }).from(bulkJobs).where(eq(bulkJobs.id, bulkId));
          if (row!.status === "done") return batches;
        }
      };
      const batches = await Promise.all([runner(), runner()]);
      expect(batches[0]! + batches[1]!).toBe(9);
      expect((await job(org, bulkId)).body).toMatchObject({ status: "done", total: 24, done: 24, skipped: 0, failed: 0 });
      const audit = await bulkAuditOf(bulkId);
      expect(new Set(audit.map((event) => event.chatroomId)).size).toBe(24);
      expect(audit).toHaveLength(24);
    });
  });
});
