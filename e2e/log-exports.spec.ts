import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parseCsv } from "../lib/testing/csv";
import {
  ADMIN_TOKEN,
  apiCreateChatroom,
  createContact,
  expectAccessible,
  freshPhone,
  people,
  signIn,
  uniqueCrmId,
} from "./helpers";

/** The rows keyed by the header. */
function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  return body.map((values) => Object.fromEntries(header!.map((name, index) => [name, values[index] ?? ""])));
}

async function download(page: Page, filename: RegExp): Promise<Record<string, string>[]> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(filename);
  const bytes = fs.readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsvRecords(bytes.subarray(3).toString("utf8"));
}

test("the audit log's export holds the page's events under its filter, with names, and a formula-like note neutralised", async ({
  page,
  request,
}) => {
  const contact = await createContact(request, {
    crm_id: uniqueCrmId("AUDIT"),
    phone_number: freshPhone(),
    first_name: "Audit",
  });
  const room = await apiCreateChatroom(request, {
    lead_id: contact.id,
    assign_details: { assign_mode: "USER", user_id: "u_lin" },
  });
  const deactivated = await request.put(`/v1/org/org_acme/contacts/chatroom/${room.chatroom_id}/deactivate`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "x-audit-note": '=HYPERLINK("http://evil.example")' },
    data: { deactivation_reason: "SPAM" },
  });
  expect(deactivated.status()).toBe(200);

  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme");
  await page.getByRole("link", { name: "Audit log" }).first().click();
  await page.getByLabel("Chatroom id").fill(room.chatroom_id);
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(new RegExp(`/orgs/org_acme/audit\\?.*chatroom_id=${room.chatroom_id}`));
  const listed = await page
    .getByTestId("audit-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-event-id")));
  expect(listed.length).toBeGreaterThanOrEqual(2);
  await expectAccessible(page);

  const rows = await download(page, /^audit-org_acme-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(rows.map((row) => row["Event id"])).toEqual(listed);
  const deactivation = rows.find((row) => row["Action id"] === "chatroom.deactivated")!;
  expect(deactivation).toMatchObject({
    Action: "Chatroom deactivated",
    Actor: "Ada Admin",
    Note: `'=HYPERLINK("http://evil.example")`,
    "Chatroom id": room.chatroom_id,
  });
  expect(rows.find((row) => row["Action id"] === "chatroom.created")?.Changes).toContain("Lin Seller");

  // The action filter narrows the file as it narrows the page.
  await page.getByLabel("Action").selectOption("chatroom.deactivated");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/action=chatroom\.deactivated/);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  expect((await download(page, /^audit-/)).map((row) => row["Action id"])).toEqual(["chatroom.deactivated"]);
});

test("the conflict log's export holds the page's conflicts under its filter, with the contact asked for by name", async ({
  page,
  request,
}) => {
  const phone = freshPhone();
  const holder = await createContact(request, {
    crm_id: uniqueCrmId("HOLDER"),
    phone_number: phone,
    first_name: "Holder",
  });
  const asker = await createContact(request, {
    crm_id: uniqueCrmId("ASKER"),
    phone_number: phone,
    first_name: "@Asker",
  });
  await apiCreateChatroom(request, { lead_id: holder.id });
  const refused = await request.post("/v3/org/org_acme/lead/chatroom", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    data: { lead_id: asker.id },
  });
  expect(refused.status()).toBe(409);

  await signIn(page, people.support);
  await page.goto(`/orgs/org_acme/conflicts?phone=${encodeURIComponent(phone)}&days=7`);
  await expect(page.getByTestId("conflict-entry")).toHaveCount(1);
  const rows = await download(page, /^conflicts-org_acme-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    "Phone number": `'${phone}`,
    "Asked for contact": "'@Asker Test",
    "Asked by": "Ada Admin",
    "Conflicting chatrooms": "1",
    "Of them active now": "1",
  });
});

test("the audit page and both exports are for those who may read them: a member gets a 404 and no link", async ({
  page,
  request,
}) => {
  expect((await request.get("/data/orgs/org_acme/exports/audit")).status()).toBe(401);
  await signIn(page, people.member);
  await page.goto("/orgs/org_acme/chatrooms");
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  expect((await page.goto("/orgs/org_acme/audit"))?.status()).toBe(404);
  expect((await page.request.get("/data/orgs/org_acme/exports/audit")).status()).toBe(404);
  expect((await page.request.get("/data/orgs/org_acme/exports/conflicts")).status()).toBe(404);
});
