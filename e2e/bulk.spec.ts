import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  ADMIN_TOKEN,
  apiChatroom,
  apiCreateChatroom,
  apiDeactivate,
  choose,
  createContact,
  expectAccessible,
  freshPhone,
  people,
  screenshot,
  signIn,
  uniqueCrmId,
} from "./helpers";
import { extraPort, startAppServer } from "./servers";

/** Rooms of the test's own, found by a search no other room matches; the last `closed` are deactivated. */
async function roomsOfOwn(request: APIRequestContext, count: number, closed = 0) {
  const prefix = uniqueCrmId("BULK");
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const contact = await createContact(request, { crm_id: `${prefix}-${i}`, phone_number: freshPhone(), first_name: `Bulk ${i}` });
    ids.push((await apiCreateChatroom(request, { lead_id: contact.id })).chatroom_id);
  }
  for (const id of ids.slice(count - closed)) await apiDeactivate(request, id);
  return { prefix, ids };
}

async function openList(page: Page, query: string) {
  await page.goto(`/orgs/org_acme/chatrooms?${query}`);
  await expect(page.locator("[data-bulk-hydrated=true]")).toBeVisible();
}

const rowCheckbox = (page: Page, name: RegExp | string) => page.getByRole("checkbox", { name: typeof name === "string" ? `Select ${name}` : name });

async function auditOf(request: APIRequestContext, chatroomId: string) {
  const response = await request.get(`/v1/org/org_acme/audit?chatroom_id=${chatroomId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return ((await response.json()) as { items: { action: string; note: string | null; bulk_id: string | null }[] }).items;
}

test("an admin dry-runs a reassign over all chatrooms matching a filter, runs it and sees the result of each", async ({ page, request }) => {
  test.setTimeout(150_000);
  const { prefix, ids } = await roomsOfOwn(request, 3, 1);
  await signIn(page, people.admin);
  await openList(page, `q=${prefix}`);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await rowCheckbox(page, /Select Bulk 0/).check();
  await expect(page.getByTestId("bulk-count")).toHaveText("1 selected.");
  await page.getByTestId("bulk-select-all").click();
  await expect(page.getByTestId("bulk-count")).toHaveText("All 3 matching this filter are selected.");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Reassign" }).click();

  const dialog = page.getByRole("dialog");
  await expect(dialog.locator("form[data-hydrated=true]")).toBeVisible();
  await dialog.getByText("A user", { exact: true }).click();
  await choose(page, "User", /Lin Seller/);
  await expectAccessible(page);
  await screenshot(page, "bulk-reassign-form");
  await dialog.getByRole("button", { name: "Check what would happen" }).click();

  // The dry run changed nothing, and says why one room would be skipped.
  await expect(page.getByTestId("bulk-preview-total")).toHaveText("3");
  await expect(page.getByTestId("bulk-preview-apply")).toHaveText("2");
  await expect(page.getByTestId("bulk-preview-skip")).toHaveText("1");
  await expect(page.getByTestId("bulk-preview-reasons").locator("[data-reason=deactivated]")).toContainText("1 not active");
  for (const id of ids) expect((await apiChatroom(request, id)).members).toEqual([]);
  await expectAccessible(page);
  await screenshot(page, "bulk-reassign-preview");

  await dialog.getByRole("button", { name: "Run on 3 chatrooms" }).click();
  await expect(page.getByTestId("bulk-progress")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-counts")).toHaveText("2 done · 1 skipped · 0 failed");
  await expect(page.getByTestId("bulk-result")).toHaveCount(3);
  await expect(page.getByTestId("bulk-result").and(page.locator("[data-outcome=skipped]"))).toContainText("not active");
  await expect(page.getByRole("progressbar", { name: "Progress" })).toHaveAttribute("aria-valuenow", "100");
  await expectAccessible(page);
  await screenshot(page, "bulk-reassign-results");
  for (const id of ids.slice(0, 2)) expect((await apiChatroom(request, id)).members.map((member) => member.user_id)).toEqual(["u_lin"]);
  expect((await apiChatroom(request, ids[2]!)).members).toEqual([]);
  const bulkIds = new Set((await Promise.all(ids.slice(0, 2).map((id) => auditOf(request, id)))).map((events) => events.find((event) => event.action === "chatroom.reassigned")?.bulk_id));
  expect(bulkIds.size).toBe(1);
  expect([...bulkIds][0]).toMatch(/^bulk_/);

  // A result links to its chatroom.
  const href = await page.getByTestId("bulk-result").first().getByRole("link").getAttribute("href");
  expect(href).toMatch(/^\/orgs\/org_acme\/chatrooms\/cr_/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
});

test("an admin deactivates the selected chatrooms with a reason", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { prefix, ids } = await roomsOfOwn(request, 3);
  await signIn(page, people.admin);
  await openList(page, `q=${prefix}`);
  await rowCheckbox(page, /Select Bulk 0/).check();
  await rowCheckbox(page, /Select Bulk 1/).check();
  await expect(page.getByTestId("bulk-count")).toHaveText("2 selected.");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.locator("form[data-hydrated=true]")).toBeVisible();
  await choose(page, "Reason", /Spam/);
  await dialog.getByRole("button", { name: "Check what would happen" }).click();
  await expect(page.getByTestId("bulk-preview-apply")).toHaveText("2");
  await dialog.getByRole("button", { name: "Run on 2 chatrooms" }).click();
  await expect(page.getByTestId("bulk-progress")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-counts")).toHaveText("2 done · 0 skipped · 0 failed");
  const rooms = await Promise.all(ids.map((id) => apiChatroom(request, id)));
  expect(rooms.map((room) => [room.status, room.deactivation_reason])).toEqual([
    ["deactivated", "SPAM"],
    ["deactivated", "SPAM"],
    ["active", null],
  ]);
  await dialog.getByRole("button", { name: "Done" }).click();
  // The list shows the change without a reload of one's own.
  await expect(page.getByTestId("chatroom-row").and(page.locator("[data-status=deactivated]"))).toHaveCount(2);
});

test("an admin cancels a running job: it stops after the batch it is on, and the rest is left as it was", async ({ page, request }) => {
  test.setTimeout(240_000);
  const { prefix, ids } = await roomsOfOwn(request, 40);
  await signIn(page, people.admin);
  await openList(page, `q=${prefix}`);
  await page.getByTestId("bulk-page-checkbox").first().check();
  await expect(page.getByTestId("bulk-count")).toHaveText("40 selected.");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.locator("form[data-hydrated=true]")).toBeVisible();
  await dialog.getByRole("button", { name: "Check what would happen" }).click();
  await dialog.getByRole("button", { name: "Run on 40 chatrooms" }).click();
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(page.getByTestId("bulk-progress")).toHaveAttribute("data-status", "cancelled", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-status")).toHaveText("Cancelled: the rest was left as it was.");
  await screenshot(page, "bulk-cancelled");
  const rooms = await Promise.all(ids.map((id) => apiChatroom(request, id)));
  const closed = rooms.filter((room) => room.status === "deactivated").length;
  expect(closed).toBeLessThan(40);
  await expect(page.getByTestId("bulk-counts")).toHaveText(`${closed} done · 0 skipped · 0 failed`);
  await expect(page.getByTestId("bulk-result").and(page.locator("[data-outcome=pending]")).first()).toBeVisible();
});

test("a member sees no bulk controls", async ({ page, request }) => {
  const { prefix } = await roomsOfOwn(request, 1);
  await signIn(page, people.member);
  await page.goto(`/orgs/org_acme/chatrooms?q=${prefix}`);
  await expect(page.getByTestId("chatroom-row")).toHaveCount(1);
  await expect(page.getByTestId("bulk-row-checkbox")).toHaveCount(0);
  await expect(page.getByTestId("bulk-page-checkbox")).toHaveCount(0);
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
});

test("a support agent deactivates in bulk only with a note, which every audit event keeps", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { prefix, ids } = await roomsOfOwn(request, 2);
  await signIn(page, people.support);
  await openList(page, `q=${prefix}`);
  await page.getByTestId("bulk-page-checkbox").first().check();
  await expect(page.getByTestId("bulk-count")).toHaveText("2 selected.");
  await page.getByTestId("bulk-bar").getByRole("button", { name: "Deactivate" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.locator("form[data-hydrated=true]")).toBeVisible();
  await dialog.getByRole("button", { name: "Check what would happen" }).click();
  await expect(dialog.getByText("Write a note: support agents give one with every change.")).toBeVisible();
  await dialog.getByLabel("Note for the audit (required)").fill("Duplicate leads, asked by the org");
  await dialog.getByRole("button", { name: "Check what would happen" }).click();
  await dialog.getByRole("button", { name: "Run on 2 chatrooms" }).click();
  await expect(page.getByTestId("bulk-progress")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
  for (const id of ids) {
    const deactivated = (await auditOf(request, id)).find((event) => event.action === "chatroom.deactivated");
    expect(deactivated).toMatchObject({ note: "Duplicate leads, asked by the org", bulk_id: expect.stringMatching(/^bulk_/) });
  }
});

for (const theme of ["light", "dark"] as const) {
  test(`the bulk dialog and its progress read well on a desktop and a phone, ${theme} theme`, async ({ browser, request }) => {
    test.setTimeout(180_000);
    for (const size of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      const { prefix } = await roomsOfOwn(request, 3, 1);
      const context = await browser.newContext({ colorScheme: theme, viewport: { width: size.width, height: size.height } });
      const page = await context.newPage();
      await signIn(page, people.admin);
      await openList(page, `q=${prefix}`);
      // The table has a checkbox for the page; a phone's cards have one each.
      if (size.name === "desktop") await page.getByTestId("bulk-page-checkbox").first().check();
      else for (const checkbox of await page.getByTestId("chatroom-card").getByTestId("bulk-row-checkbox").all()) await checkbox.check();
      await expect(page.getByTestId("bulk-count")).toHaveText("3 selected.");
      await screenshot(page, `bulk-bar-${size.name}-${theme}`);
      await page.getByTestId("bulk-bar").getByRole("button", { name: "Deactivate" }).click();
      const dialog = page.getByRole("dialog");
      await expect(dialog.locator("form[data-hydrated=true]")).toBeVisible();
      await screenshot(page, `bulk-form-${size.name}-${theme}`);
      await dialog.getByRole("button", { name: "Check what would happen" }).click();
      await expect(page.getByTestId("bulk-preview")).toBeVisible();
      await expectAccessible(page);
      await screenshot(page, `bulk-preview-${size.name}-${theme}`);
      await dialog.getByRole("button", { name: "Run on 3 chatrooms" }).click();
      await expect(page.getByTestId("bulk-progress")).toHaveAttribute("data-status", "done", { timeout: 30_000 });
      await expectAccessible(page);
      await screenshot(page, `bulk-results-${size.name}-${theme}`);
      await context.close();
    }
  });
}

test("a bulk job interrupted by a server restart (kill -9) completes once", async () => {
  test.setTimeout(300_000);
  // A server of its own, in batches of 2 with 100 ms between them (so that it is killed mid-job); on the
  // embedded database with a directory of its own.
  const env: Record<string, string> = {
    BULK_BATCH_SIZE: "2",
    BULK_BATCH_PAUSE_MS: "100",
    WEB_CONCURRENCY: "1",
    SWEEP_INTERVAL_MS: "0",
    PROVISION_DEMO_WHEN_EMPTY: "1",
    RATE_LIMIT_BURST: "100000",
    ...(process.env.DATABASE_URL ? {} : { PGLITE_DIR: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-bulk-")), "pglite") }),
  };
  const port = extraPort(1);
  let server = await startAppServer(port, env);
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    expect(response.status, url).toBe(200);
    return response.json();
  };
  const prefix = uniqueCrmId("BULK-RESTART");
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const contact = await call("POST", "/v2/org/org_acme/contact", { crm_id: `${prefix}-${i}`, phone_number: freshPhone(), first_name: "Restart" });
    ids.push((await call("POST", "/v3/org/org_acme/lead/chatroom", { lead_id: contact.id })).chatroom_id);
  }
  const job = await call("POST", "/v1/org/org_acme/chatrooms/bulk", { action: "deactivate", chatroom_ids: ids, params: { deactivation_reason: "OTHER" } });
  let seen = job;
  while (seen.done === 0) seen = await call("GET", `/v1/org/org_acme/bulk/${job.bulk_id}`);
  await server.kill();
  expect(seen.done).toBeLessThan(60);

  server = await startAppServer(port, env);
  try {
    for (let waited = 0; seen.status !== "done" && waited < 120_000; waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      seen = await call("GET", `/v1/org/org_acme/bulk/${job.bulk_id}`);
    }
    expect(seen).toMatchObject({ status: "done", total: 60, done: 60, skipped: 0, failed: 0 });
    // Each room was deactivated once, by the job: one audit event each, none repeated.
    const events: { chatroom_id: string; action: string }[] = (await call("GET", `/v1/org/org_acme/audit?bulk_id=${job.bulk_id}&limit=200`)).items;
    expect(events.every((event) => event.action === "chatroom.deactivated")).toBe(true);
    expect(events).toHaveLength(60);
    expect(new Set(events.map((event) => event.chatroom_id))).toEqual(new Set(ids));
  } finally {
    await server.stop();
  }
});
