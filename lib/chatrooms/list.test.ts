import { describe, expect, it } from "vitest";
import { useTestApp } from "@/lib/testing/app";
import { tokens } from "@/lib/testing/fixture";
import { createRoom, newContact } from "@/lib/testing/helpers";

describe("chatroom list and contact search", () => {
  const app = useTestApp();

  it("pages through every chatroom newest first with a keyset cursor, filters and searches", async () => {
    const created: string[] = [];
    const leads = [];
    for (let i = 0; i < 7; i++) {
      const lead = await newContact(app, { first_name: i === 3 ? "Zanzibar" : "Pat" });
      leads.push(lead);
      const assignment = i % 2 === 0 ? { assign_details: { assign_mode: "USER", user_id: "u_agent2" } } : {};
      created.push((await createRoom(app, { lead_id: lead.id, remote_phone_id: i === 5 ? "ph_a3" : "ph_a1", ...assignment })).body.chatroom_id);
      app.clock.advance(1000);
    }
    await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${created[6]}/deactivate`, { body: {} });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { chatroom_id: string }[]; next_cursor: string | null } } = await app.call(
        "GET",
        `/v1/org/org_a/chatrooms?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        { token: tokens.memberA },
      );
      seen.push(...page.body.items.map((item) => item.chatroom_id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());

    const active = await app.call("GET", "/v1/org/org_a/chatrooms?status=active");
    expect(active.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).not.toContain(created[6]);
    const deactivated = await app.call("GET", "/v1/org/org_a/chatrooms?status=deactivated");
    expect(deactivated.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).toEqual([created[6]]);
    const search = await app.call("GET", "/v1/org/org_a/chatrooms?q=zanzi");
    expect(search.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).toEqual([created[3]]);
    const byPhone = await app.call("GET", "/v1/org/org_a/chatrooms?remote_phone_id=ph_a3");
    expect(byPhone.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).toEqual([created[5]]);
    const byNumber = await app.call("GET", `/v1/org/org_a/chatrooms?phone=${encodeURIComponent(leads[2]!.phone_number)}`);
    expect(byNumber.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).toEqual([created[2]]);
    const byContact = await app.call("GET", `/v1/org/org_a/chatrooms?contact_id=${leads[4]!.id}`);
    expect(byContact.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).toEqual([created[4]]);
    const byAssignee = await app.call("GET", "/v1/org/org_a/chatrooms?assignee=u_agent2");
    expect(byAssignee.body.items.map((item: { chatroom_id: string }) => item.chatroom_id)).toEqual(
      [created[6], created[4], created[2], created[0]],
    );
    const byActivity = await app.call("GET", "/v1/org/org_a/chatrooms?sort=activity&limit=1");
    expect(byActivity.body.items[0].chatroom_id).toBe(created[6]);

    const badCursor = await app.call("GET", "/v1/org/org_a/chatrooms?cursor=not-a-cursor");
    expect(badCursor.status).toBe(400);
    const badLimit = await app.call("GET", "/v1/org/org_a/chatrooms?limit=201");
    expect(badLimit.status).toBe(400);
  });

  it("searches contacts by name, crm_id or phone, with % and _ taken literally", async () => {
    const lead = await newContact(app, { first_name: "Quixote_100%" });
    const byName = await app.call("GET", "/v1/org/org_a/contacts?q=quixote_100%25", { token: tokens.memberA });
    expect(byName.body.items.map((item: { id: string }) => item.id)).toEqual([lead.id]);
    const wildcard = await app.call("GET", "/v1/org/org_a/contacts?q=quixote%25100");
    expect(wildcard.body.items).toEqual([]);
    const byPhone = await app.call("GET", `/v1/org/org_a/contacts?q=${encodeURIComponent(lead.phone_number.slice(3))}`);
    expect(byPhone.body.items.map((item: { id: string }) => item.id)).toContain(lead.id);
  });

  it("reads one contact by id, also one with no chatroom; another org's contact is a 404", async () => {
    const lead = await newContact(app, { first_name: "Roomless" });
    const one = await app.call("GET", `/v1/org/org_a/contacts/${lead.id}`, { token: tokens.memberA });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: lead.id, crm_id: lead.crm_id, first_name: "Roomless" });
    const otherOrg = await app.call("GET", "/v1/org/org_a/contacts/c_b1");
    expect(otherOrg.status).toBe(404);
    expect(otherOrg.body).toMatchObject({ error_message: "NOT_FOUND", payload: { kind: "contact" } });
  });
});
