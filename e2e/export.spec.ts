import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { parseCsv } from "../lib/testing/csv";
import { apiCreateChatroom, apiDeactivate, createContact, freshPhone, people, signIn, uniqueCrmId } from "./helpers";

test("an export of a filter holds exactly the list's rows, with names, and formula cells neutralised", async ({ page, request }) => {
  test.setTimeout(90_000);
  const prefix = uniqueCrmId("EXPORT");
  const made = [];
  for (const [index, name] of ["Ann", "=HYPERLINK(\"http://evil.example\",\"click\")", "+Plus"].entries()) {
    const contact = await createContact(request, { crm_id: `${prefix}-${index}`, phone_number: freshPhone(), first_name: name, last_name: "Export, Jr." });
    made.push(await apiCreateChatroom(request, { lead_id: contact.id, assign_details: { assign_mode: "USER", user_id: "u_lin" } }));
  }
  await apiDeactivate(request, made[2]!.chatroom_id);

  await signIn(page, people.admin);
  for (const query of [`?q=${prefix}`, `?q=${prefix}&status=active`]) {
    await page.goto(`/orgs/org_acme/chatrooms${query}`);
    const listed = await page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chatroom-id")));
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^chatrooms-org_acme-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header!.slice(0, 4)).toEqual(["Contact", "CRM id", "Phone number", "Status"]);
    const idColumn = header!.indexOf("Chatroom id");
    expect(rows.map((row) => row[idColumn])).toEqual(listed);
    expect(rows.length).toBe(query.includes("status") ? 2 : 3);

    const byCrm = new Map(rows.map((row) => [row[1], row]));
    const formula = byCrm.get(`${prefix}-1`)!;
    expect(formula[0]).toBe(`'=HYPERLINK("http://evil.example","click") Export, Jr.`);
    expect(formula[header!.indexOf("Assignee")]).toBe("Lin Seller");
    expect(formula[header!.indexOf("WABA phone")]).toMatch(/Acme/);
    if (!query.includes("status")) {
      const plus = byCrm.get(`${prefix}-2`)!;
      expect(plus[0]).toBe("'+Plus Export, Jr.");
      expect(plus[3]).toBe("Deactivated");
    }
  }
});

test("the export refuses someone not signed in, and a person who may not see the org", async ({ page, request }) => {
  expect((await request.get("/data/orgs/org_acme/exports/chatrooms")).status()).toBe(401);
  await signIn(page, people.globexAdmin);
  expect((await page.request.get("/data/orgs/org_acme/exports/chatrooms")).status()).toBe(404);
});
