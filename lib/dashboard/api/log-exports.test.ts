import { beforeAll, describe, expect, it } from "vitest";
import { setInProcessApi } from "@/lib/in-process-api";
import { useTestApp } from "@/lib/testing/app";
import { parseCsv } from "@/lib/testing/csv";
import { accountIds, tokens } from "@/lib/testing/fixture";
import type { Person } from "@/lib/dashboard/session/access";
import { setConsoleKey } from "@/lib/dashboard/session/runtime-secrets";
import { chatroomsCsv } from "./chatroom-export";
import { auditCsv, conflictsCsv } from "./log-exports";

/**
 * The CSV downloads as the dashboard makes them: through its API client, with the console key acting for
 * the signed-in person, against the real API over HTTP on this file's database.
 */
const admin: Person = {
  accountId: accountIds.adminA,
  email: "admin@a.example",
  name: "Admin A",
  kind: "org_admin",
  orgIds: ["org_a"],
};
const SHARED = "+911111111111";
const FORMULA_NAME = '=HYPERLINK("http://evil.example","x")';
const asPartner = { token: tokens.console, headers: { "x-on-behalf-of": accountIds.partnerLinked } };
let formulaContactId = "";
let deactivatedId = "";

async function read(stream: ReadableStream<Uint8Array>): Promise<Record<string, string>[]> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  // UTF-8 with a byte-order mark (a decoder drops it, so the bytes are checked).
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  return rows.map((row) => Object.fromEntries(header!.map((name, index) => [name, row[index] ?? ""])));
}

describe("CSV exports of the dashboard", () => {
  const app = useTestApp();

  beforeAll(async () => {
    setConsoleKey({ id: "k_console", token: tokens.console });
    // The dashboard calls this test's route server as it would call its own process's API.
    setInProcessApi((request) => {
      const url = new URL(request.url);
      return fetch(new Request(`${app.server.url}${url.pathname}${url.search}`, request));
    });
    const formula = await app.call("POST", "/v2/org/org_a/contact", {
      ...asPartner,
      body: { crm_id: "CRM-FORMULA", phone_number: "+915555555555", first_name: FORMULA_NAME },
    });
    expect(formula.status).toBe(200);
    formulaContactId = formula.body.id;
    const room = await app.call("POST", "/v3/org/org_a/lead/chatroom", {
      ...asPartner,
      body: { lead_id: formulaContactId, assign_details: { assign_mode: "USER", user_id: "u_agent1" } },
    });
    expect(room.status).toBe(200);
    // A second contact of the same number, named like a formula too: creating its chatroom is refused (R25).
    const plus = await app.call("POST", "/v2/org/org_a/contact", {
      ...asPartner,
      body: { crm_id: "CRM-PLUS", phone_number: "+915555555555", first_name: "+SUM(1,2)" },
    });
    expect(
      (await app.call("POST", "/v3/org/org_a/lead/chatroom", { ...asPartner, body: { lead_id: plus.body.id } })).status,
    ).toBe(409);
    // And a conflict on another number.
    expect((await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_1" } })).status).toBe(200);
    expect((await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_2" } })).status).toBe(409);
    const other = await app.call("POST", "/v3/org/org_a/lead/chatroom", { body: { lead_id: "c_3" } });
    deactivatedId = other.body.chatroom_id;
    const deactivated = await app.call("PUT", `/v1/org/org_a/contacts/chatroom/${deactivatedId}/deactivate`, {
      token: tokens.console,
      headers: { "x-on-behalf-of": accountIds.partnerLinked, "x-audit-note": "=1+2 checked with the lead" },
      body: { deactivation_reason: "SPAM" },
    });
    expect(deactivated.status).toBe(200);
  });

  it("the chatroom list: the list's filter, names, and a contact named like a formula neutralised", async () => {
    const rows = await read(await chatroomsCsv(admin, "org_a", { q: "CRM-FORMULA", sort: "created" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Contact: `'${FORMULA_NAME}`,
      "CRM id": "CRM-FORMULA",
      Assignee: "Agent 1",
      Status: "Active",
    });
    // A phone number starts with "+", so it is neutralised too (the apostrophe keeps it text, as it is).
    expect(rows[0]!["WABA phone"]).toMatch(/^'\+1.*· A Sales$/);
  });

  it("R24: the audit log under the page's action filter, with the person's name, and a formula-like note neutralised", async () => {
    const rows = await read(await auditCsv(admin, "org_a", { action: "chatroom.deactivated" }));
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.every((row) => row["Action id"] === "chatroom.deactivated" && row.Action === "Chatroom deactivated"),
    ).toBe(true);
    const row = rows.find((candidate) => candidate["Chatroom id"] === deactivatedId)!;
    expect(row).toMatchObject({
      Actor: "Pat Linked",
      Channel: "Dashboard",
      Note: "'=1+2 checked with the lead",
      "Actor type": "partner",
      "On behalf of (account id)": accountIds.partnerLinked,
    });
    expect(row.Changes).toContain("Status: Active → Deactivated");
    expect(row.Changes).toContain("Reason: none → Spam");
  });

  it("R24: the whole audit log holds every event the API lists, newest first", async () => {
    const rows = await read(await auditCsv(admin, "org_a", {}));
    const listed = await app.call("GET", "/v1/org/org_a/audit?limit=200");
    expect(rows.map((row) => row["Event id"])).toEqual(listed.body.items.map((event: { id: string }) => event.id));
    expect(rows.some((row) => row["Action id"] === "contact.created" && row.Actor === "Pat Linked")).toBe(true);
  });

  it("R25: the conflict log under the page's phone filter, with the contact asked for by name, neutralised", async () => {
    const rows = await read(await conflictsCsv(admin, "org_a", { phone: "+915555555555" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      "Phone number": "'+915555555555",
      "Asked for contact": "'+SUM(1,2)",
      "Asked for CRM id": "CRM-PLUS",
      "Asked by": "Pat Linked",
      "Conflicting chatrooms": "1",
      "Of them active now": "1",
    });
    expect(rows[0]!["Conflicting chatrooms now"]).toMatch(/^CRM-FORMULA on \+1.*· A Sales \(Active, Agent 1\)$/);
    const shared = await read(await conflictsCsv(admin, "org_a", { phone: SHARED }));
    expect(shared.map((row) => [row["Asked for contact"], row["Asked by"]])).toEqual([["Asha Kumar", "Admin A"]]);
  });

  it("R25: the conflict log's period ends the file at the first older entry", async () => {
    const now = app.clock.now();
    expect(
      await read(await conflictsCsv(admin, "org_a", { since: new Date(now.getTime() - 3_600_000).toISOString() })),
    ).toHaveLength(2);
    expect(
      await read(await conflictsCsv(admin, "org_a", { since: new Date(now.getTime() + 3_600_000).toISOString() })),
    ).toHaveLength(0);
  });
});
