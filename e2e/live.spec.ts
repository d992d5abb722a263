import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN_TOKEN, apiCreateChatroom, apiDeactivate, createContact, expectAccessible, freshPhone, people, signIn, uniqueCrmId } from "./helpers";
import { extraPort, startAppServer } from "./servers";

/**
 * Live pages: the chatrooms list, a chatroom, a contact and the conflicts page follow the org's event stream
 * (through the dashboard's relay) without a reload, say when the connection drops and when it is back, and
 * make a changed row glow for a moment.
 */
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Marks the document, so that a test can tell that the page was updated in place, not reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { liveMarker: number }).liveMarker = 1));
}
const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { liveMarker?: number }).liveMarker === 1);

async function waitLive(page: Page) {
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 15_000 });
}

test("the chatrooms list shows a new chatroom and a change without a reload, and the row glows", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms?sort=created&order=desc");
  await waitLive(page);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  await markDocument(page);

  const crmId = uniqueCrmId("LIVE-LIST");
  const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Livia" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  const row = page.locator(`[data-testid=chatroom-row][data-chatroom-id="${room.chatroom_id}"]`);
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toHaveAttribute("data-live-changed", "true");
  await expect(row).toHaveAttribute("data-status", "active");
  await expect(row).not.toHaveAttribute("data-live-changed", /.*/, { timeout: 10_000 });

  await apiDeactivate(request, room.chatroom_id);
  await expect(row).toHaveAttribute("data-status", "deactivated", { timeout: 15_000 });
  await expect(row).toHaveAttribute("data-live-changed", "true");
  expect(await stillSameDocument(page)).toBe(true);
});

test("a chatroom page follows its chatroom: a reassignment and a message appear without a reload", async ({ page, request }) => {
  test.setTimeout(90_000);
  const contact = await createContact(request, { crm_id: uniqueCrmId("LIVE-ROOM"), phone_number: freshPhone(), first_name: "Romy" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id, assign_details: { assign_mode: "USER", user_id: "u_lin" } });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await waitLive(page);
  await markDocument(page);
  const facts = page.getByRole("region", { name: "About this chatroom" }).or(page.locator("[aria-labelledby=state-title]"));
  await expect(facts).toContainText("Lin");

  const reassigned = await request.post(`/v3/org/org_acme/lead/chatroom/${room.chatroom_id}/reassign`, {
    headers: auth,
    data: { assign_details: { assign_mode: "USER", user_id: "u_ada" } },
  });
  expect(reassigned.status(), await reassigned.text()).toBe(200);
  await expect(facts).toContainText("Ada", { timeout: 15_000 });
  await expect(facts).toHaveAttribute("data-live-changed", "true");

  const sent = await request.post(`/v1/org/org_acme/chatrooms/${room.chatroom_id}/messages`, { headers: auth, data: { text: "Sent while you were watching" } });
  expect(sent.status()).toBe(200);
  await expect(page.getByTestId("conversation")).toContainText("Sent while you were watching", { timeout: 15_000 });
  expect(await stillSameDocument(page)).toBe(true);
});

test("when the server goes away the page says so, and when it is back the page is live again and catches up", async ({ browser, request }) => {
  test.setTimeout(240_000);
  // A server of the test's own, so that it can be stopped and started again under the open page.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-live-"));
  const env = {
    ...(process.env.DATABASE_URL ? {} : { DATABASE_URL: "", PGLITE_DIR: path.join(dataDir, "pglite") }),
    PROVISION_DEMO_WHEN_EMPTY: "1",
    SWEEP_INTERVAL_MS: "0",
    NEXTAUTH_SECRET: "e2e-live-session-secret-0c1d2e3f4a5b6c7d8e9f",
  };
  const port = extraPort(4);
  let app = await startAppServer(port, env);
  const context = await browser.newContext({ baseURL: app.url });
  try {
    const page = await context.newPage();
    await signIn(page, people.admin);
    await page.goto("/orgs/org_acme/chatrooms?sort=created&order=desc");
    await waitLive(page);
    await markDocument(page);

    await app.stop();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "dropped", { timeout: 30_000 });
    await expect(page.getByTestId("live-status")).toHaveText("Live updates lost: reconnecting. Changes will show once it is back.");
    // On PostgreSQL the suite's own server shares the database: a change made there meanwhile must show on return.
    let meanwhile: { chatroom_id: string } | null = null;
    if (process.env.DATABASE_URL) {
      const contact = await createContact(request, { crm_id: uniqueCrmId("LIVE-MEANWHILE"), phone_number: freshPhone(), first_name: "Meanwhile" });
      meanwhile = await apiCreateChatroom(request, { lead_id: contact.id });
    }

    app = await startAppServer(port, env);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "resumed", { timeout: 60_000 });
    await expect(page.getByTestId("live-status")).toHaveText("Live again: caught up on what changed meanwhile.");
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live", { timeout: 15_000 });
    if (meanwhile) await expect(page.locator(`[data-testid=chatroom-row][data-chatroom-id="${meanwhile.chatroom_id}"]`)).toBeVisible({ timeout: 15_000 });

    const api = (path: string, body: unknown) =>
      fetch(`${app.url}${path}`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (response) => {
        expect(response.status).toBe(200);
        return (await response.json()) as { id?: string; chatroom_id?: string };
      });
    const contact = await api("/v2/org/org_acme/contact", { crm_id: uniqueCrmId("LIVE-BACK"), phone_number: freshPhone(), first_name: "Back", last_name: "Again" });
    const room = await api("/v3/org/org_acme/lead/chatroom", { lead_id: contact.id });
    await expect(page.locator(`[data-testid=chatroom-row][data-chatroom-id="${room.chatroom_id}"]`)).toBeVisible({ timeout: 15_000 });
    expect(await stillSameDocument(page)).toBe(true);
  } finally {
    await context.close();
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("a contact page shows a new chatroom of the contact; the conflicts page a new conflict", async ({ page, request }) => {
  test.setTimeout(90_000);
  const phone = freshPhone();
  const first = await createContact(request, { crm_id: uniqueCrmId("LIVE-C1"), phone_number: phone, first_name: "First" });
  const second = await createContact(request, { crm_id: uniqueCrmId("LIVE-C2"), phone_number: phone, first_name: "Second" });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/contacts/${first.id}`);
  await waitLive(page);
  await markDocument(page);
  const room = await apiCreateChatroom(request, { lead_id: first.id, remote_phone_id: "ph_acme_1" });
  const item = page.locator(`[data-testid=contact-chatroom][data-chatroom-id="${room.chatroom_id}"]`);
  await expect(item).toBeVisible({ timeout: 15_000 });
  await expect(item).toHaveAttribute("data-live-changed", "true");
  expect(await stillSameDocument(page)).toBe(true);

  await page.goto(`/orgs/org_acme/conflicts?phone=${encodeURIComponent(phone)}`);
  await waitLive(page);
  await markDocument(page);
  await expect(page.getByTestId("conflict-entry")).toHaveCount(0);
  const refused = await request.post("/v3/org/org_acme/lead/chatroom", { headers: auth, data: { lead_id: second.id } });
  expect(refused.status()).toBe(409);
  await expect(page.getByTestId("conflict-entry")).toHaveCount(1, { timeout: 15_000 });
  expect(await stillSameDocument(page)).toBe(true);
  await expectAccessible(page);
});

test("the overview counts a chatroom created through the API, and its deactivation, without a reload", async ({ page, request }) => {
  test.setTimeout(90_000);
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme");
  await waitLive(page);
  await markDocument(page);
  const count = async (name: string) => Number((await page.getByTestId(`count-${name}`).textContent())?.replaceAll(",", ""));
  const active = await count("active");
  const unassigned = await count("unassigned");

  const contact = await createContact(request, { crm_id: uniqueCrmId("LIVE-OVERVIEW"), phone_number: freshPhone(), first_name: "Ovid" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await expect(page.getByTestId("count-active")).toHaveText((active + 1).toLocaleString("en-US"), { timeout: 15_000 });
  await expect(page.getByTestId("count-unassigned")).toHaveText((unassigned + 1).toLocaleString("en-US"));

  await apiDeactivate(request, room.chatroom_id);
  await expect(page.getByTestId("count-active")).toHaveText(active.toLocaleString("en-US"), { timeout: 15_000 });
  expect(await stillSameDocument(page)).toBe(true);
});
