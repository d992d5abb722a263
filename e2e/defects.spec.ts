import { expect, test, type Page } from "@playwright/test";
import {
  ADMIN_TOKEN,
  apiChatroom,
  apiCreateChatroom,
  chooseContact,
  createContact,
  expectToast,
  freshPhone,
  people,
  signIn,
  uniqueCrmId,
} from "./helpers";

/**
 * The fifteen defects a new user hit in the dashboard (issue 8), one test each, named by its number. Each
 * was seen failing against the dashboard before the fix.
 */
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function openCreateForm(page: Page) {
  await page.goto("/orgs/org_acme/chatrooms/new");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
}

test("defect 1: the conflicts page shows every chatroom of a conflicted number as it is now", async ({ page, request }) => {
  const phone = freshPhone();
  const holders = [];
  for (const name of ["First", "Second", "Third"]) {
    holders.push(await createContact(request, { crm_id: uniqueCrmId(`E2E-D1-${name}`), phone_number: phone, first_name: name }));
  }
  await apiCreateChatroom(request, { lead_id: holders[0]!.id, remote_phone_id: "ph_acme_1" });
  // A strict create for the second contact is refused (and logged, R25) ...
  const refused = await request.post("/v3/org/org_acme/lead/chatroom", { headers: auth, data: { lead_id: holders[1]!.id } });
  expect(refused.status()).toBe(409);
  // ... then both others get active chatrooms on the other phones: the number now has three.
  await apiCreateChatroom(request, { lead_id: holders[1]!.id, remote_phone_id: "ph_acme_2", fail_if_chatroom_exists_on_other_waba_phone: false });
  await apiCreateChatroom(request, { lead_id: holders[2]!.id, remote_phone_id: "ph_acme_3", fail_if_chatroom_exists_on_other_waba_phone: false });
  await signIn(page, people.support);
  await page.goto(`/orgs/org_acme/conflicts?phone=${encodeURIComponent(phone)}`);
  const entry = page.getByTestId("conflict-entry");
  await expect(entry).toHaveCount(1);
  await expect(entry.getByTestId("conflict-state")).toHaveText("3 active chatrooms now");
  await expect(entry.locator("[data-testid=conflict-room][data-status=active]")).toHaveCount(3);
});

test("defect 2: a contact with no chatroom shows the contact, an empty state and a way to create one", async ({ page, request }) => {
  const crmId = uniqueCrmId("E2E-D2");
  const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Roomless" });
  await signIn(page, people.admin);
  const answer = await page.goto(`/orgs/org_acme/contacts/${contact.id}`);
  expect(answer?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Roomless Test");
  await expect(page.getByText("This contact has no chatroom yet.")).toBeVisible();
  await page.getByRole("link", { name: "New chatroom for this contact" }).first().click();
  await expect(page.getByTestId("chosen-contact")).toContainText(crmId);
});

test("defect 3: an action whose request never reaches the server says so in a toast, and Retry sends it again", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-D3"), phone_number: freshPhone(), first_name: "Offline" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByLabel(/I understand/).check();
  const offline = async (route: import("@playwright/test").Route) =>
    route.request().method() === "POST" && route.request().headers()["next-action"] ? route.abort("internetdisconnected") : route.continue();
  await page.route(/.*/, offline);
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  const toast = page.locator("[data-sonner-toast]").filter({ hasText: "could not reach the server" });
  await expect(toast).toBeVisible();
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("active");
  await page.unroute(/.*/, offline);
  await toast.getByRole("button", { name: "Retry" }).click();
  await expectToast(page, "Chatroom deactivated.");
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("deactivated");
});

test("defect 4: changing the WABA resets a phone of another WABA, and the hint follows", async ({ page, request }) => {
  const crmId = uniqueCrmId("E2E-D4");
  const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Waba" });
  await signIn(page, people.admin);
  await openCreateForm(page);
  await chooseContact(page, crmId);
  const hintDigits = async () => ((await page.locator("#create-waba-help").textContent()) ?? "").replace(/\D/g, "");
  await page.getByLabel("WABA phone (optional)").selectOption("ph_acme_1");
  expect(await hintDigits()).toContain("15550100001");
  await page.getByLabel("WABA (optional)").selectOption("waba_acme_service");
  await expect(page.getByLabel("WABA phone (optional)")).toHaveValue("");
  await expect.poll(hintDigits).toContain("15550100003");
  expect(await hintDigits()).not.toContain("15550100001");
  await page.getByRole("button", { name: "Create chatroom" }).click();
  await expectToast(page, "Chatroom created.");
  await page.waitForURL((url) => /\/chatrooms\/(?!new$)[^/]+$/.test(url.pathname));
  const rooms = await request.get(`/v1/org/org_acme/chatrooms?contact_id=${contact.id}`, { headers: auth });
  expect(((await rooms.json()) as { items: { remote_phone_id: string }[] }).items.map((item) => item.remote_phone_id)).toEqual(["ph_acme_3"]);
});

test("defect 5: a group with no active member is offered disabled, saying why; no error code reaches the page", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-D5"), phone_number: freshPhone(), first_name: "Group" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Reassign" }).click();
  await page.getByText(/A group/).click();
  await page.getByLabel("Group", { exact: true }).click();
  const empty = page.getByRole("option", { name: /Night shift/ });
  await expect(empty).toHaveAttribute("aria-disabled", "true");
  await expect(empty).toContainText("No active members: nobody could be picked");
  await empty.click({ force: true });
  await expect(page.getByRole("combobox", { name: "Group", exact: true })).toHaveText(/Choose a group/);
  await expect(page.locator("body")).not.toContainText(/NO_ASSIGNABLE_USER|\(0 members\)/);
});

test("defect 6: a long unbroken token in a message wraps instead of widening the page on a phone", async ({ browser, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-D6"), phone_number: freshPhone(), first_name: "Wrap" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  const text = `See https://example.com/${"a".repeat(300)}`;
  const sent = await request.post(`/v1/org/org_acme/chatrooms/${room.chatroom_id}/messages`, { headers: auth, data: { text } });
  expect(sent.status()).toBe(200);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await expect(page.getByText(/https:\/\/example\.com\//)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});

test("defect 7: a deep link opened while signed out returns there after sign-in (same origin only)", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-D7"), phone_number: freshPhone(), first_name: "Deep" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  const target = `/orgs/org_acme/chatrooms/${room.chatroom_id}`;
  await page.goto(target);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(people.admin.email);
  await page.getByLabel("Password").fill(people.admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === target);

  await page.context().clearCookies();
  await page.goto("/signin?callbackUrl=https://evil.example/steal");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(people.admin.email);
  await page.getByLabel("Password").fill(people.admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/orgs/org_acme");
  expect(page.url()).not.toContain("evil.example");
});

test("defect 8: one not-found page, HTTP 404, for an unknown chatroom, contact or org and a member's /chatrooms/new", async ({ page, browser }) => {
  await signIn(page, people.admin);
  for (const path of ["/orgs/org_acme/chatrooms/cr_nope", "/orgs/org_acme/contacts/c_nope", "/orgs/org_nope/chatrooms"]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signIn(memberPage, people.member);
  const answer = await memberPage.goto("/orgs/org_acme/chatrooms/new");
  expect(answer?.status()).toBe(404);
  await expect(memberPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await member.close();
});

test("defect 9: messages say what happened and what to do, never a payload path or a parameter name", async ({ page, request }) => {
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms?cursor=not-a-cursor");
  await expect(page.getByText("This page of the list is no longer valid.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the first page" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/payload|issues|cursor/);

  const phone = freshPhone();
  const first = await createContact(request, { crm_id: uniqueCrmId("E2E-D9A"), phone_number: phone, first_name: "First" });
  const second = await createContact(request, { crm_id: uniqueCrmId("E2E-D9B"), phone_number: phone, first_name: "Second" });
  const dormant = await apiCreateChatroom(request, { lead_id: first.id, remote_phone_id: "ph_acme_2" });
  await request.put(`/v1/org/org_acme/contacts/chatroom/${dormant.chatroom_id}/deactivate`, { headers: auth, data: {} });
  await apiCreateChatroom(request, { lead_id: second.id, remote_phone_id: "ph_acme_2" });
  await page.goto(`/orgs/org_acme/chatrooms/${dormant.chatroom_id}`);
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByTestId("conflict-panel")).toContainText("activate with force to deactivate it first");
  await expect(page.locator("body")).not.toContainText(/force_deactivate|ACTIVE_CHATROOM_EXISTS|payload/);
});

test("defect 10: an empty sign-in says what is missing", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByTestId("signin-error")).toHaveCount(0);
  await expect(page.getByLabel("Email")).toBeFocused();
  await page.getByLabel("Email").fill(people.admin.email);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your email address.")).toHaveCount(0);
  await expect(page.getByLabel("Password")).toBeFocused();
});

test("defect 11: the conflict panel shows every column within its box at 1440 px", async ({ browser, request }) => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const phone = freshPhone();
  const holder = await createContact(request, { crm_id: uniqueCrmId("E2E-D11H"), phone_number: phone, first_name: "Holder" });
  const crmId = uniqueCrmId("E2E-D11");
  await createContact(request, { crm_id: crmId, phone_number: phone, first_name: "Sharer" });
  await apiCreateChatroom(request, { lead_id: holder.id, assign_details: { assign_mode: "USER", user_id: "u_lin" } });
  await signIn(page, people.admin);
  await openCreateForm(page);
  await chooseContact(page, crmId);
  await page.getByRole("button", { name: "Create chatroom" }).click();
  const panel = page.getByTestId("conflict-panel");
  await expect(panel.getByText("Last activity")).toBeVisible();
  const clipped = await panel.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const overflowing = [...element.querySelectorAll("*")].filter((child) => child.scrollWidth > child.clientWidth + 1 && getComputedStyle(child).overflowX !== "visible");
    const outside = [...element.querySelectorAll("dd, dt")].filter((child) => child.getBoundingClientRect().right > box.right + 1);
    return overflowing.length + outside.length + (element.scrollWidth > element.clientWidth + 1 ? 1 : 0);
  });
  expect(clipped).toBe(0);
  await context.close();
});

test("defect 12: read-only settings are in words", async ({ page }) => {
  await signIn(page, people.member);
  await page.goto("/orgs/org_acme/settings");
  const settings = page.getByTestId("settings-read-only");
  await expect(settings).toContainText("Round robin");
  await expect(settings).toContainText("Shared: members see every message");
  await expect(settings).not.toContainText(/ROUND_ROBIN|LEAST_ACTIVE/);
  await expect(settings.locator("dd").filter({ hasText: /^(shared|joined)$/ })).toHaveCount(0);
});

test("defect 13: a conflicts filter that matches nothing says so, and how to clear it", async ({ page }) => {
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/conflicts?phone=%2B19990000000");
  await expect(page.getByText("No conflict matches +19990000000.")).toBeVisible();
  await expect(page.getByText("No conflicts recorded")).toHaveCount(0);
  await page.getByRole("link", { name: "Clear the filter" }).click();
  await expect(page).toHaveURL(/\/conflicts$/);
});

test("defect 14: settings warn when inactivity is as long as expiry, and say what follows", async ({ page }) => {
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/settings");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await expect(page.getByTestId("deadlines-warning")).toHaveCount(0);
  await page.getByLabel("Inactivity days").fill("40");
  await page.getByLabel("Expiry days").fill("5");
  await expect(page.getByTestId("deadlines-warning")).toContainText("no chatroom will ever be deactivated for inactivity");
});

test("defect 15: the nav marks the current page, a failed submit focuses the field, the contact search works by keyboard", async ({ page, request }) => {
  const crmId = uniqueCrmId("E2E-D15");
  await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Keys" });
  await signIn(page, people.admin);
  const nav = page.getByRole("navigation", { name: "Org" });
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Chatrooms" }).click();
  await expect(nav.getByRole("link", { name: "Chatrooms" })).toHaveAttribute("aria-current", "page");
  await page.goto("/orgs/org_acme/settings");
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Chatrooms" })).not.toHaveAttribute("aria-current", /.+/);

  await openCreateForm(page);
  await page.getByRole("button", { name: "Create chatroom" }).click();
  await expect(page.getByText("Choose a contact: search for them above.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Search by name, CRM id or phone" })).toBeFocused();

  await page.keyboard.type(crmId);
  await expect(page.getByRole("option", { name: new RegExp(crmId) })).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("option", { name: new RegExp(crmId) })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("chosen-contact")).toContainText(crmId);
  await expect(page.getByLabel("WABA (optional)")).toBeFocused();
});
