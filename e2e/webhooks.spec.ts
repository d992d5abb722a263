import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { apiCreateChatroom, createContact, expectAccessible, expectToast, freshPhone, people, signIn, uniqueCrmId } from "./helpers";

/** A webhook receiver on loopback that records what it got and answers `status` (200 until told otherwise). */
async function startReceiver() {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const state = { status: 200 };
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(state.status, { "content-type": "text/plain" }).end(state.status === 200 ? "thanks" : "receiver is down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Date.now().toString(36)}`;
  return { url, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function signatureValid(secret: string, delivery: { headers: http.IncomingHttpHeaders; body: string }): boolean {
  const header = String(delivery.headers["switchboard-signature"] ?? "");
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) return false;
  return createHmac("sha256", secret).update(`${match[1]}.${delivery.body}`).digest("hex") === match[2];
}

async function addWebhook(page: Page, url: string, description: string, extraTypes: string[] = []): Promise<string> {
  await page.goto("/orgs/org_acme/settings/webhooks");
  await page.locator("button[data-hydrated=true]", { hasText: "Add a webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a webhook" });
  await dialog.getByLabel("Address").fill(url);
  await dialog.getByLabel("What it is for (optional)").fill(description);
  for (const type of extraTypes) await dialog.getByLabel(type, { exact: true }).check();
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  const secretDialog = page.getByRole("dialog", { name: "Copy the signing secret now" });
  const secret = (await secretDialog.getByTestId("webhook-secret-value").textContent())!.trim();
  expect(secret.length).toBeGreaterThan(20);
  await secretDialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByRole("row").filter({ hasText: url })).toBeVisible();
  return secret;
}

test("an org admin adds a webhook, sees its secret once, sends a test, sees deliveries and redelivers", async ({ page, request }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    await signIn(page, people.admin);
    const secret = await addWebhook(page, receiver.url, "CRM sync", ["Received from a lead"]);

    // The secret is shown once: neither the list nor the webhook's page has it.
    expect(await page.content()).not.toContain(secret);
    await page.getByRole("link", { name: receiver.url }).click();
    await expect(page.getByRole("heading", { name: receiver.url })).toBeVisible();
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByRole("list", { name: "Event types sent" })).toContainText("Messages: received from a lead");

    await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Send a test ping" }).click();
    await expectToast(page, "Test ping delivered. Answered HTTP 200");
    const ping = receiver.received.find((delivery) => delivery.headers["switchboard-event-type"] === "ping");
    expect(ping, "the receiver got the ping").toBeDefined();
    expect(signatureValid(secret, ping!)).toBe(true);
    const pingRow = page.getByTestId("delivery-row").filter({ hasText: "Test ping" });
    await expect(pingRow).toContainText("Delivered");
    await expect(pingRow).toContainText("Answered HTTP 200");
    await pingRow.getByText("What it answered").click();
    await expect(pingRow.locator("pre")).toHaveText("thanks");

    // A chatroom created through the API reaches the receiver by the worker and is listed as delivered.
    const contact = await createContact(request, { crm_id: uniqueCrmId("HOOK"), phone_number: freshPhone(), first_name: "Hook" });
    const room = await apiCreateChatroom(request, { lead_id: contact.id });
    const isCreated = (delivery: { body: string }) => delivery.body.includes(room.chatroom_id) && delivery.body.includes('"chatroom.created"');
    await expect.poll(() => receiver.received.filter(isCreated).length, { timeout: 20_000 }).toBe(1);
    const createdRow = page.getByTestId("delivery-row").filter({ hasText: "Chatrooms: created" }).first();
    await expect(async () => {
      await page.reload();
      await expect(createdRow).toContainText("Delivered", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });

    await page.locator("button:enabled", { hasText: "Redeliver" }).first().click();
    await expectToast(page, "Queued again");
    await expect.poll(() => receiver.received.filter(isCreated).length, { timeout: 20_000 }).toBe(2);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("delivery-row").filter({ hasText: "Redelivery" }).first()).toContainText("Delivered", { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    const redelivered = receiver.received.filter(isCreated);
    expect(redelivered[1]!.headers["switchboard-event-id"]).toBe(redelivered[0]!.headers["switchboard-event-id"]);
    expect(redelivered.every((delivery) => signatureValid(secret, delivery))).toBe(true);

    // Deleted, it leaves the list.
    await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
    await expect(page.getByRole("row").filter({ hasText: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test("the add form refuses a bad address and no event type, in words, next to the fields", async ({ page }) => {
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/settings/webhooks");
  await page.locator("button[data-hydrated=true]", { hasText: "Add a webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a webhook" });
  await dialog.getByLabel("Address").fill("ftp://example.com/x");
  for (const box of await dialog.getByRole("checkbox").all()) await box.uncheck();
  await dialog.getByRole("button", { name: "Add webhook" }).click();
  await expect(dialog.getByText("Enter a web address that starts with https:// or http://")).toBeVisible();
  await expect(dialog.getByText("Choose at least one kind of event")).toBeVisible();
  await expect(dialog.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");
});

test("a webhook failing for 3 days is turned off, and the org's admins are told on every page", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  receiver.state.status = 500;
  let advanced = 0;
  try {
    await signIn(page, people.admin);
    await addWebhook(page, receiver.url, "Failing receiver");
    await page.getByRole("link", { name: receiver.url }).click();
    // A test ping that fails does not count; an event's delivery that fails starts the failing streak.
    await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Send a test ping" }).click();
    await expectToast(page, "The test ping was not accepted.");
    await expect(page.getByTestId("delivery-row").first()).toContainText("Answered HTTP 500");
    await expect(page.getByTestId("webhook-state")).toHaveText("Active");
    const contact = await createContact(request, { crm_id: uniqueCrmId("HOOK"), phone_number: freshPhone(), first_name: "Failing" });
    await apiCreateChatroom(request, { lead_id: contact.id });
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("webhook-state")).toHaveText("Failing", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText("Deliveries are failing.")).toBeVisible();

    // Three days on, the retry fails again and the subscription is turned off.
    const threeDays = 3 * 24 * 60 * 60 * 1000 + 60_000;
    expect((await request.put("/__test__/clock", { data: { advance_ms: threeDays } })).status()).toBe(200);
    advanced = threeDays;
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("webhook-state")).toHaveText("Disabled: failed for 3 days", { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByText("Turned off: every delivery failed for 3 days.")).toBeVisible();

    // Every org page tells the admin; a member, who cannot manage webhooks, is not told.
    await page.goto("/orgs/org_acme/chatrooms");
    await expect(page.getByTestId("webhooks-disabled-notice")).toContainText("A webhook was turned off");
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await signIn(member, people.member);
    await member.goto("/orgs/org_acme/chatrooms");
    await expect(member.getByRole("heading", { name: "Chatrooms" })).toBeVisible();
    await expect(member.getByTestId("webhooks-disabled-notice")).toHaveCount(0);
    await memberContext.close();

    // Resumed, it is active again and the notice goes.
    receiver.state.status = 200;
    await page.getByRole("link", { name: "See the webhooks" }).click();
    await page.getByRole("link", { name: receiver.url }).click();
    await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Resume" }).click();
    await expectToast(page, "Webhook resumed");
    await expect(page.getByTestId("webhook-state")).toHaveText("Active");
    await expect(page.getByTestId("webhooks-disabled-notice")).toHaveCount(0);
    await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
    await page.waitForURL(/\/settings\/webhooks$/);
  } finally {
    if (advanced !== 0) expect((await request.put("/__test__/clock", { data: { advance_ms: -advanced } })).status()).toBe(200);
    await receiver.close();
  }
});

test("webhooks are for admins and partners: a member and a support agent get no link and no way in", async ({ browser }) => {
  test.setTimeout(90_000);
  for (const person of [people.member, people.support]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, person);
    await page.goto("/orgs/org_acme/chatrooms");
    await expect(page.getByRole("navigation", { name: "Org" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
    await page.goto("/orgs/org_acme/settings/webhooks");
    await expect(page.getByText("Your role cannot see the webhooks.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Add a webhook" })).toHaveCount(0);
    await context.close();
  }
  const context = await browser.newContext();
  const partner = await context.newPage();
  await signIn(partner, people.partner);
  await partner.goto("/orgs/org_acme/chatrooms");
  await partner.getByRole("navigation", { name: "Org" }).getByRole("link", { name: "Webhooks" }).first().click();
  await expect(partner.getByRole("button", { name: "Add a webhook" })).toBeVisible();
  await context.close();
});

for (const theme of ["light", "dark"] as const) {
  test(`the webhooks pages pass axe and are photographed at both sizes (${theme})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const receiver = await startReceiver();
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    try {
      await signIn(page, people.admin);
      await addWebhook(page, receiver.url, `Screenshots ${theme}`);
      const shoot = async (name: string) => {
        for (const size of [
          { name: "desktop", width: 1440, height: 900 },
          { name: "phone", width: 390, height: 844 },
        ]) {
          await page.setViewportSize(size);
          await expectAccessible(page);
          await page.screenshot({ path: `test-results/screenshots/${name}-${size.name}-${theme}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1440, height: 900 });
      };
      await shoot("webhooks");
      await page.getByRole("link", { name: receiver.url }).click();
      await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Send a test ping" }).click();
      await expectToast(page, "Test ping delivered");
      await expect(page.getByTestId("delivery-row")).not.toHaveCount(0);
      await shoot("webhook");
      await page.goto("/orgs/org_acme/settings/webhooks");
      await page.locator("button[data-hydrated=true]", { hasText: "Add a webhook" }).click();
      await expect(page.getByRole("dialog", { name: "Add a webhook" })).toBeVisible();
      await shoot("webhook-add");
      await page.keyboard.press("Escape");
      await page.getByRole("link", { name: receiver.url }).click();
      await page.locator("[role=group][data-hydrated=true]").getByRole("button", { name: "Delete" }).click();
      await page.getByRole("dialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
      await page.waitForURL(/\/settings\/webhooks$/);
    } finally {
      await context.close();
      await receiver.close();
    }
  });
}
