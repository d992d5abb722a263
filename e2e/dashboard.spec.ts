import { expect, test } from "@playwright/test";
import {
  ADMIN_TOKEN,
  apiChatroom,
  apiChatroomsOfContact,
  apiCreateChatroom,
  apiDeactivate,
  chooseContact,
  createContact,
  expectAccessible,
  freshPhone,
  people,
  screenshot,
  signIn,
  uniqueCrmId,
  expectToast,
  choose,
} from "./helpers";


test("sign-in says nothing about which of email or password was wrong", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "signin");
  for (const attempt of [
    { email: "ada@acme.example", password: "wrong-password" },
    { email: "nobody@acme.example", password: "demo-password-ada" },
  ]) {
    await page.getByLabel("Email").fill(attempt.email);
    await page.getByLabel("Password").fill(attempt.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("signin-error")).toHaveText("That email and password do not match an account.");
  }
});

test("sign-in is throttled per account after repeated failures, even with the right password, until the account's bucket refills", async ({ page, request }) => {
  await page.goto("/signin");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(people.globexAdmin.email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByTestId("signin-error")).toBeVisible();
  }
  await page.getByLabel("Password").fill(people.globexAdmin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signin-error")).toHaveText(/Too many attempts/);
  await expect(page).toHaveURL(/\/signin/);

  // The bucket refills one attempt a minute; five minutes on, the right password works. Later tests sign
  // this person in at the real time again, which finds the bucket full (its refill time is ahead of them).
  const fiveMinutes = 5 * 60_000;
  expect((await request.put("/__test__/clock", { data: { advance_ms: fiveMinutes } })).status()).toBe(200);
  try {
    await page.getByLabel("Password").fill(people.globexAdmin.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  } finally {
    expect((await request.put("/__test__/clock", { data: { advance_ms: -fiveMinutes } })).status()).toBe(200);
  }
});

test("an org admin lands on their org's overview; the chatrooms' filters live in the URL and pages are keyset links", async ({ page }) => {
  await signIn(page, people.admin);
  await expect(page).toHaveURL(/\/orgs\/org_acme$/);
  await page.getByRole("navigation", { name: "Org" }).getByRole("link", { name: "Chatrooms" }).click();
  await expect(page).toHaveURL(/\/orgs\/org_acme\/chatrooms$/);
  await expect(page.getByRole("heading", { name: "Chatrooms" })).toBeVisible();
  await expect(page.getByTestId("chatroom-row").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "chatrooms");

  await expect(page.locator("[data-testid=chatroom-filters][data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Status").selectOption("deactivated");
  await expect(page).toHaveURL(/status=deactivated/);
  await expect(page.getByTestId("chatroom-row").first()).toHaveAttribute("data-status", "deactivated");
  const statuses = await page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(["deactivated"]));

  await page.goto("/orgs/org_acme/chatrooms?q=ACME-1008");
  await expect(page.getByTestId("chatroom-row").first()).toContainText("ACME-1008");

  await page.goto("/orgs/org_acme/chatrooms");
  const next = page.getByRole("link", { name: "Next", exact: true });
  await expect(next).toBeVisible();
  const firstPageIds = await page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chatroom-id")));
  await next.click();
  await expect(page).toHaveURL(/cursor=/);
  const secondPageIds = await page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chatroom-id")));
  expect(secondPageIds.some((id) => firstPageIds.includes(id))).toBe(false);
});

test("an admin creates a chatroom assigned to a user, then reassigns it to a group with handover, deactivates it and activates it with force", async ({ page, request }) => {
  test.setTimeout(120_000);
  const crmId = uniqueCrmId("E2E-CREATE");
  const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Created" });
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms/new");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "create-chatroom");
  await chooseContact(page, crmId);
  await page.getByText("A user", { exact: true }).click();
  await choose(page, "User", /Lin Seller/);
  await page.getByRole("button", { name: "Create chatroom" }).click();
  await expectToast(page, "Chatroom created.");
  await page.waitForURL((url) => /\/orgs\/org_acme\/chatrooms\/(?!new$)[^/]+$/.test(url.pathname));
  const chatroomId = decodeURIComponent(page.url().split("/").pop()!);
  expect((await apiChatroom(request, chatroomId)).members.map((m) => m.user_id)).toEqual(["u_lin"]);
  await expect(page.getByTestId("timeline")).toContainText("Ada Admin created the chatroom");
  await expect(page.getByTestId("timeline")).toContainText("assigned to Lin Seller");
  await expect(page.getByText("No messages yet", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "chatroom");

  // Reassign to a group, on handover: Lin loses access now, nobody is granted until the lead writes.
  await page.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByTestId("revoked-access")).toContainText("Lin Seller");
  await page.getByRole("dialog").getByText("A group", { exact: true }).click();
  await choose(page, "Group", /^Sales/);
  await page.getByLabel("Assign on handover").check();
  await page.getByRole("dialog").getByRole("button", { name: "Reassign", exact: true }).click();
  await expectToast(page, "Chatroom reassigned.");
  const reassigned = await apiChatroom(request, chatroomId);
  expect(reassigned.members).toEqual([]);
  expect(reassigned.pending_assignment).toEqual({ assign_mode: "GROUP", user_id: null, group_id: "g_acme_sales" });
  await expect(page.getByText("pending handover").first()).toBeVisible();

  // Reassign to a user directly (the dialog opens on the pending assignment: a group, on handover).
  await page.getByRole("button", { name: "Reassign" }).click();
  await page.getByRole("dialog").getByText("A user", { exact: true }).click();
  await choose(page, "User", /Joe Seller/);
  await page.getByLabel("Assign on handover").uncheck();
  await page.getByRole("dialog").getByRole("button", { name: "Reassign", exact: true }).click();
  await expectToast(page, "Chatroom reassigned.");
  await expect.poll(async () => (await apiChatroom(request, chatroomId)).members.map((m) => m.user_id)).toEqual(["u_joe"]);

  // Deactivate with a reason, confirmed.
  await page.getByRole("button", { name: "Deactivate" }).click();
  await choose(page, "Reason", "Wrong number");
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expect(page.getByText("Confirm that the chatroom should be deactivated")).toBeVisible();
  await page.getByLabel(/I understand/).check();
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expectToast(page, "Chatroom deactivated.");
  const deactivated = await apiChatroom(request, chatroomId);
  expect(deactivated.status).toBe("deactivated");
  expect(deactivated.deactivation_reason).toBe("WRONG_NUMBER");

  // Activate with force: the preview says what it would deactivate (nothing here), then it activates.
  await page.getByTestId("status-badge").first().and(page.locator("[data-status=deactivated]")).waitFor();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await page.getByRole("button", { name: "Activate with force…" }).click();
  await expect(page.getByTestId("force-preview")).toContainText("No other chatroom");
  await page.getByRole("button", { name: "Activate with force", exact: true }).click();
  await expectToast(page, "Chatroom activated");
  expect((await apiChatroom(request, chatroomId)).status).toBe("active");
  void contact;
});

test("conflict way out 1: open the existing chatroom", async ({ page, request }) => {
  const phone = freshPhone();
  const holder = await createContact(request, { crm_id: uniqueCrmId("E2E-HOLD"), phone_number: phone, first_name: "Holder" });
  const crmId = uniqueCrmId("E2E-OPEN");
  await createContact(request, { crm_id: crmId, phone_number: phone, first_name: "Sharer" });
  const existing = await apiCreateChatroom(request, { lead_id: holder.id });
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms/new");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await chooseContact(page, crmId);
  await page.getByRole("button", { name: "Create chatroom" }).click();
  const panel = page.getByTestId("conflict-panel");
  await expect(panel).toContainText("Another contact with this phone number already has an active chatroom");
  await expect(panel.getByTestId("conflict-row")).toHaveAttribute("data-chatroom-id", existing.chatroom_id);
  await expectAccessible(page);
  await screenshot(page, "conflict-panel");
  await panel.getByRole("button", { name: "Open the existing chatroom" }).click();
  await expect(page).toHaveURL(new RegExp(`/chatrooms/${existing.chatroom_id}$`));
});

test("conflict way out 2: retry on the next free WABA phone", async ({ page, request }) => {
  const phone = freshPhone();
  const holder = await createContact(request, { crm_id: uniqueCrmId("E2E-HOLD"), phone_number: phone, first_name: "Holder" });
  const crmId = uniqueCrmId("E2E-NEXT");
  const sharer = await createContact(request, { crm_id: crmId, phone_number: phone, first_name: "Sharer" });
  const existing = await apiCreateChatroom(request, { lead_id: holder.id, remote_phone_id: "ph_acme_1" });
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms/new");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await chooseContact(page, crmId);
  await page.getByRole("button", { name: "Create chatroom" }).click();
  await page.getByTestId("conflict-panel").getByRole("button", { name: "Retry on the next free WABA phone" }).click();
  await expectToast(page, "Chatroom created.");
  const rooms = await apiChatroomsOfContact(request, sharer.id);
  expect(rooms).toHaveLength(1);
  expect(rooms[0]!.remote_phone_id).not.toBe("ph_acme_1");
  expect((await apiChatroom(request, existing.chatroom_id)).status).toBe("active");
});

test("conflict way out 3: force-deactivate and create", async ({ page, request }) => {
  const crmId = uniqueCrmId("E2E-FORCE");
  const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Forced" });
  const old = await apiCreateChatroom(request, { lead_id: contact.id, remote_phone_id: "ph_acme_1" });
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms/new");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await chooseContact(page, crmId);
  await page.getByLabel("WABA phone (optional)").selectOption("ph_acme_2");
  await page.getByRole("button", { name: "Create chatroom" }).click();
  const panel = page.getByTestId("conflict-panel");
  await expect(panel).toContainText("already has an active chatroom on another WABA phone");
  await panel.getByRole("button", { name: "Force-deactivate and create" }).click();
  await expectToast(page, "Chatroom created.");
  const old2 = await apiChatroom(request, old.chatroom_id);
  expect(old2.status).toBe("deactivated");
  expect(old2.deactivation_reason).toBe("FORCE_NEW_CHATROOM");
});

test("conflict way out 4: activate with force", async ({ page, request }) => {
  const phone = freshPhone();
  const first = await createContact(request, { crm_id: uniqueCrmId("E2E-ACT1"), phone_number: phone, first_name: "First" });
  const second = await createContact(request, { crm_id: uniqueCrmId("E2E-ACT2"), phone_number: phone, first_name: "Second" });
  const dormant = await apiCreateChatroom(request, { lead_id: first.id, remote_phone_id: "ph_acme_1" });
  await apiDeactivate(request, dormant.chatroom_id);
  const blocker = await apiCreateChatroom(request, { lead_id: second.id, remote_phone_id: "ph_acme_1" });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${dormant.chatroom_id}`);
  await page.getByTestId("status-badge").first().and(page.locator("[data-status=deactivated]")).waitFor();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await page.getByRole("button", { name: "Activate", exact: true }).last().click();
  const panel = page.getByTestId("conflict-panel");
  await expect(panel).toContainText("Another chatroom of this phone number or contact is active");
  await expect(panel.getByTestId("conflict-row")).toHaveAttribute("data-chatroom-id", blocker.chatroom_id);
  await panel.getByRole("button", { name: "Activate with force" }).click();
  await expectToast(page, "Chatroom activated");
  expect((await apiChatroom(request, dormant.chatroom_id)).status).toBe("active");
  const closed = await apiChatroom(request, blocker.chatroom_id);
  expect(closed.status).toBe("deactivated");
  expect(closed.deactivation_reason).toBe("FORCE_ACTIVATION");
});

test("the force preview lists the chatrooms an activation with force would deactivate", async ({ page, request }) => {
  const phone = freshPhone();
  const first = await createContact(request, { crm_id: uniqueCrmId("E2E-PRE1"), phone_number: phone, first_name: "First" });
  const second = await createContact(request, { crm_id: uniqueCrmId("E2E-PRE2"), phone_number: phone, first_name: "Second" });
  const dormant = await apiCreateChatroom(request, { lead_id: first.id, remote_phone_id: "ph_acme_3" });
  await apiDeactivate(request, dormant.chatroom_id);
  const blocker = await apiCreateChatroom(request, { lead_id: second.id, remote_phone_id: "ph_acme_3" });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${dormant.chatroom_id}`);
  await page.getByTestId("status-badge").first().and(page.locator("[data-status=deactivated]")).waitFor();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await page.getByRole("button", { name: "Activate with force…" }).click();
  await expect(page.getByTestId("force-preview").locator(`[data-chatroom-id="${blocker.chatroom_id}"]`)).toBeVisible();
});

test("the contact view lists all the contact's chatrooms, newest first", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-CONTACT"), phone_number: freshPhone(), first_name: "Viewed" });
  const older = await apiCreateChatroom(request, { lead_id: contact.id });
  await apiDeactivate(request, older.chatroom_id);
  const newer = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/contacts/${contact.id}`);
  const rooms = page.getByTestId("contact-chatroom");
  await expect(rooms).toHaveCount(2);
  await expect(rooms.first()).toHaveAttribute("data-chatroom-id", newer.chatroom_id);
  await expect(rooms.nth(1)).toHaveAttribute("data-chatroom-id", older.chatroom_id);
  await expectAccessible(page);
  await screenshot(page, "contact");
});

test("a partner switches between their orgs and cannot reach another org by URL", async ({ page }) => {
  await signIn(page, people.partner);
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("link", { name: "Acme Motors", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Globex Foods", exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "org-switcher");
  await page.getByRole("link", { name: "Globex Foods", exact: true }).click();
  await expect(page).toHaveURL(/\/orgs\/org_globex$/);
  // A partner acts as an admin in the orgs of their partner.
  await page.goto("/orgs/org_globex/chatrooms?status=active");
  const row = page.getByTestId("chatroom-row").first();
  const chatroomId = await row.getAttribute("data-chatroom-id");
  await row.getByRole("link").first().click();
  await page.waitForURL(new RegExp(`/chatrooms/${chatroomId}$`));
  await page.getByRole("button", { name: "Deactivate" }).click();
  await choose(page, "Reason", "Duplicate");
  await page.getByLabel(/I understand/).check();
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expectToast(page, "Chatroom deactivated.");
  await expect(page.getByTestId("status-badge").first()).toHaveAttribute("data-status", "deactivated");
  await expect(page.getByTestId("timeline")).toContainText("Pat Partner deactivated it: duplicate");

  // The deactivation's refresh re-renders the page: a click that lands while the switcher is being replaced
  // opens nothing (seen once in CI on a busy machine), so the menu is opened until it shows.
  const switcher = page.getByRole("button", { name: /Org: Globex Foods/ });
  const acme = page.getByRole("menuitem", { name: "Acme Motors" });
  await expect(async () => {
    if ((await switcher.getAttribute("aria-expanded")) !== "true") await switcher.click();
    await expect(acme).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await acme.click();
  await expect(page).toHaveURL(/\/orgs\/org_acme$/);
});

test("a partner without that org gets a 404 by URL, by data request and by replaying a server action; nothing changes", async ({ page, browser, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-REPLAY"), phone_number: freshPhone(), first_name: "Replay" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });

  // Ada deactivates a room; the server action request is captured.
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByLabel(/I understand/).check();
  const captured = page.waitForRequest((req) => req.method() === "POST" && req.headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  const action = await captured;
  await expectToast(page, "Chatroom deactivated.");
  const activate = await request.put(`/v1/org/org_acme/contacts/chatroom/${room.chatroom_id}/activate`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(activate.status()).toBe(200);

  const sue = await browser.newContext();
  const suePage = await sue.newPage();
  await signIn(suePage, people.loneParter);
  await expect(suePage.getByText("You have no orgs to look after yet.")).toBeVisible();
  const byUrl = await suePage.goto("/orgs/org_acme/chatrooms");
  expect(byUrl?.status()).toBe(404);
  await expect(suePage.getByText("not yours to see")).toBeVisible();
  const byChatroomUrl = await suePage.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  expect(byChatroomUrl?.status()).toBe(404);
  const byData = await suePage.request.get(`/data/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  expect(byData.status()).toBe(404);

  const headers = { ...action.headers() };
  delete headers.cookie;
  const replay = await suePage.request.post(action.url(), { headers, data: action.postDataBuffer() ?? undefined });
  expect(replay.status()).toBe(404);
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("active");
  await sue.close();
});

test("a member reads everything but cannot change anything, even by replaying an action", async ({ page, browser, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-MEMBER"), phone_number: freshPhone(), first_name: "Member" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id, assign_details: { assign_mode: "USER", user_id: "u_max" } });

  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByLabel(/I understand/).check();
  // Capture the action request but keep it from reaching the server.
  let captured: { url: string; headers: Record<string, string>; body: Buffer | null } | undefined;
  await page.route(/.*/, async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { url: req.url(), headers: req.headers(), body: req.postDataBuffer() };
      await route.abort();
    } else await route.continue();
  });
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expect.poll(() => captured !== undefined).toBe(true);

  const max = await browser.newContext();
  const maxPage = await max.newPage();
  await signIn(maxPage, people.member);
  await expect(maxPage).toHaveURL(/\/orgs\/org_acme$/);
  await expect(maxPage.getByRole("link", { name: "New chatroom" })).toHaveCount(0);
  await maxPage.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await expect(maxPage.getByRole("heading", { name: "Timeline" })).toBeVisible();
  await expect(maxPage.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
  await expect(maxPage.getByRole("button", { name: "Reassign" })).toHaveCount(0);
  await maxPage.goto("/orgs/org_acme/chatrooms/new");
  await expect(maxPage.getByText("not yours to see")).toBeVisible();
  await expect(maxPage.getByRole("button", { name: "Create chatroom" })).toHaveCount(0);
  await maxPage.goto("/orgs/org_acme/settings");
  await expect(maxPage.getByTestId("settings-read-only")).toBeVisible();

  const headers = { ...captured!.headers };
  delete headers.cookie;
  const replay = await maxPage.request.post(captured!.url, { headers, data: captured!.body ?? undefined });
  // The action ran and answered its refusal (an action's result travels in a 200), not an error page.
  expect(replay.status()).toBe(200);
  expect(await replay.text()).toContain("FORBIDDEN");
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("active");
  await max.close();
});

test("a support agent sees every org, must give a note, and resolves with force only", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-SUPPORT"), phone_number: freshPhone(), first_name: "Support" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.support);
  await expect(page).toHaveURL(/\/orgs$/);
  await expect(page.getByRole("link", { name: "Globex Foods", exact: true })).toBeVisible();
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByLabel(/I understand/).check();
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expect(page.getByText("Write a note: support agents give one with every change.")).toBeVisible();
  await page.getByLabel("Note for the audit (required)").fill("lead asked us to stop, ticket 42");
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expectToast(page, "Chatroom deactivated.");
  await expect(page.getByTestId("timeline")).toContainText("lead asked us to stop, ticket 42");
  // Activation is offered with force only.
  await page.getByTestId("status-badge").first().and(page.locator("[data-status=deactivated]")).waitFor();
  await page.getByRole("button", { name: "Activate", exact: true }).click();
  await expect(page.getByTestId("force-preview")).toBeVisible();
  await expect(page.locator("#panel-activate").getByRole("button", { name: "Activate", exact: true })).toHaveCount(0);

  await page.goto("/orgs/org_acme/conflicts");
  await expect(page.getByRole("heading", { name: "Conflicts" })).toBeVisible();
  await expect(page.getByTestId("conflict-entry").first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "conflicts");
});

test("settings: an admin changes the org's rules", async ({ page }) => {
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/settings");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "settings");
  await page.getByLabel("Expiry days").fill("0");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Between 1 and 3650 days")).toBeVisible();
  await page.getByLabel("Expiry days").fill("30");
  await choose(page, "Group strategy", "Least active");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectToast(page, "Settings saved.");
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Group strategy" })).toHaveText("Least active");
  await choose(page, "Group strategy", "Round robin");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectToast(page, "Settings saved.");
});

test("the dashboard works on a phone-sized screen", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms");
  await expect(page.getByRole("heading", { name: "Chatrooms" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Filters" })).toBeInViewport();
  await screenshot(page, "chatrooms-phone");
  await context.close();
});

test("expired and inactive rooms are shown as such after the clock moves", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-CLOCK"), phone_number: freshPhone(), first_name: "Clock" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  const badge = page.getByTestId("status-badge").first();
  await expect(badge).toHaveAttribute("data-status", "active");

  const day = 86_400_000;
  let advanced = 0;
  const advance = async (ms: number) => {
    expect((await request.put("/__test__/clock", { data: { advance_ms: ms } })).status()).toBe(200);
    advanced += ms;
  };
  try {
    await advance(8 * day);
    await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
    await expect(badge).toHaveAttribute("data-status", "deactivated");
    await expect(page.getByText("(Inactivity)")).toBeVisible();

    await advance(23 * day);
    await page.goto(`/orgs/org_acme/chatrooms?q=${encodeURIComponent(contact.id === "" ? "" : "E2E-CLOCK")}`);
    const row = page.locator(`[data-chatroom-id="${room.chatroom_id}"]`);
    await expect(row).toHaveAttribute("data-status", "expired");
    await screenshot(page, "chatrooms-after-clock");
  } finally {
    // Every later test (and every later run on the same database) reads the clock where it was.
    if (advanced !== 0) expect((await request.put("/__test__/clock", { data: { advance_ms: -advanced } })).status()).toBe(200);
  }
});
