import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import {
  ADMIN_TOKEN,
  apiChatroom,
  apiCreateChatroom,
  choose,
  chooseContact,
  createContact,
  expectAccessible,
  expectToast,
  freshPhone,
  people,
  signIn,
  uniqueCrmId,
} from "./helpers";

/**
 * The dashboard as each kind of person uses it (dashboard.md's flows), in the light and the dark theme;
 * axe on every page in both themes; screenshots of every main page at 1440×900 and 390×844 in both themes,
 * kept in test-results/screenshots/.
 */
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const themes = ["light", "dark"] as const;
const sizes = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function seedConversation(request: APIRequestContext, assignee = "u_lin") {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-READ"), phone_number: freshPhone(), first_name: "Maya", last_name: "Sharma" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id, assign_details: { assign_mode: "USER", user_id: assignee } });
  for (const text of ["Hello! Could you send me the brochure for the new model?", "Of course, here it is: https://example.com/brochures/2027/model-s.pdf"]) {
    const sent = await request.post(`/v1/org/org_acme/chatrooms/${room.chatroom_id}/messages`, { headers: auth, data: { text } });
    expect(sent.status()).toBe(200);
  }
  return { contact, room };
}

for (const theme of themes) {
  test.describe(`${theme} theme`, () => {
    test.use({ colorScheme: theme });

    test(`every main page passes axe and is photographed at both sizes (${theme})`, async ({ page, request, browser }) => {
      test.setTimeout(240_000);
      const { contact, room } = await seedConversation(request);
      const shoot = async (target: Page, name: string) => {
        for (const size of sizes) {
          await target.setViewportSize({ width: size.width, height: size.height });
          await expect(target.locator("body")).toBeVisible();
          if (size.name === "desktop") await expectAccessible(target);
          await target.screenshot({ path: `test-results/screenshots/${name}-${size.name}-${theme}.png`, fullPage: true });
        }
        await target.setViewportSize({ width: 1440, height: 900 });
      };
      await page.goto("/signin");
      await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
      await shoot(page, "signin");
      await signIn(page, people.admin);
      const pages: [string, string][] = [
        ["chatrooms", "/orgs/org_acme/chatrooms"],
        ["chatroom", `/orgs/org_acme/chatrooms/${room.chatroom_id}`],
        ["contact", `/orgs/org_acme/contacts/${contact.id}`],
        ["new-chatroom", "/orgs/org_acme/chatrooms/new"],
        ["conflicts", "/orgs/org_acme/conflicts"],
        ["settings", "/orgs/org_acme/settings"],
        ["not-found", "/orgs/org_acme/chatrooms/cr_missing"],
      ];
      for (const [name, path] of pages) {
        await page.goto(path);
        await shoot(page, name);
      }
      const partner = await browser.newContext({ colorScheme: theme });
      const partnerPage = await partner.newPage();
      await signIn(partnerPage, people.partner);
      await shoot(partnerPage, "org-switcher");
      await partner.close();
    });

    test(`an org admin works a chatroom from creation to forced activation (${theme})`, async ({ page, request }) => {
      test.setTimeout(120_000);
      const crmId = uniqueCrmId("E2E-FLOW");
      const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Flow" });
      const existing = await apiCreateChatroom(request, { lead_id: contact.id, remote_phone_id: "ph_acme_1" });
      await signIn(page, people.admin);
      await page.goto("/orgs/org_acme/chatrooms/new");
      await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
      await chooseContact(page, crmId);
      // The form says what will happen before anything is sent (R9, R8).
      const warning = page.getByTestId("active-chatroom-warning");
      await expect(warning).toContainText("already has an active chatroom on +1 555 010 0001 · Acme Sales");
      await expect(warning).toContainText("Nothing new will be created");
      await page.getByLabel("WABA phone (optional)").selectOption("ph_acme_2");
      await expect(warning).toContainText("will be refused");
      await page.getByLabel("Force-deactivate the contact's active chatroom").check();
      await expect(warning).toContainText("Creating will deactivate it");
      await page.getByText("A group", { exact: true }).click();
      await choose(page, "Group", /^Sales/);
      await page.getByRole("button", { name: "Create chatroom" }).click();
      await expectToast(page, "Chatroom created.");
      await page.waitForURL((url) => /\/chatrooms\/(?!new$)[^/]+$/.test(url.pathname));
      const chatroomId = decodeURIComponent(page.url().split("/").pop()!);
      expect((await apiChatroom(request, existing.chatroom_id)).deactivation_reason).toBe("FORCE_NEW_CHATROOM");
      const timeline = page.getByTestId("timeline");
      await expect(timeline).toContainText(/Ada Admin created the chatroom on \+1\s555\s010\s0002 · Acme Sales, assigned to (Max Member|Lin Seller|Joe Seller)/);
      await expect(timeline.locator(":scope > li")).toHaveCount(1);

      await page.getByRole("button", { name: "Reassign" }).click();
      await page.getByRole("dialog").getByText("A group", { exact: true }).click();
      await choose(page, "Group", /^Sales/);
      await page.getByLabel("Assign on handover").check();
      await page.getByLabel(/Note for the audit/).fill("moving to the team queue");
      await page.getByRole("dialog").getByRole("button", { name: "Reassign", exact: true }).click();
      await expectToast(page, "Chatroom reassigned.");
      await expect(page.getByRole("button", { name: "Reassign" })).toBeFocused();
      await expect(timeline.locator(":scope > li").first()).toContainText("Ada Admin reassigned it to Sales, on handover");
      await expect(timeline.locator(":scope > li").first()).toContainText("Note: moving to the team queue");
      await timeline.locator(":scope > li").first().getByText(/changes?$/).click();
      await expect(timeline.locator(":scope > li").first()).toContainText(/Assignee: (Max Member|Lin Seller|Joe Seller) → nobody/);

      await page.getByRole("button", { name: "Deactivate" }).click();
      await choose(page, "Reason", "Spam");
      await page.getByLabel(/I understand/).check();
      await page.getByRole("dialog").getByRole("button", { name: "Deactivate", exact: true }).click();
      await expectToast(page, "Chatroom deactivated.");
      await expect(timeline.locator(":scope > li").first()).toContainText("Ada Admin deactivated it: spam");

      await page.getByRole("button", { name: "Activate", exact: true }).click();
      await page.getByRole("button", { name: "Activate with force…" }).click();
      await expect(page.getByTestId("force-preview")).toContainText("No other chatroom");
      await page.getByRole("button", { name: "Activate with force", exact: true }).click();
      await expectToast(page, "Chatroom activated");
      expect((await apiChatroom(request, chatroomId)).status).toBe("active");
      // Ids appear only inside the closed Details disclosure: what a person reads has names.
      expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/chatroom\.(created|reassigned)|u_lin|g_acme_sales|ph_acme_|waba_acme/);
    });

    test(`a partner switches org and works the list: sorts, pages, filters, columns (${theme})`, async ({ page }) => {
      test.setTimeout(120_000);
      await signIn(page, people.partner);
      await page.getByRole("link", { name: "Acme Motors", exact: true }).click();
      await expect(page).toHaveURL(/\/orgs\/org_acme$/);
      await page.goto("/orgs/org_acme/chatrooms");
      await expect(page.locator("[data-testid=chatroom-filters][data-hydrated=true]")).toBeVisible();
      await expect(page.getByTestId("chatroom-total")).toHaveText(/^\d[\d,]*\+?$/);

      await page.getByRole("link", { name: /^Expires/ }).click();
      await expect(page).toHaveURL(/sort=expiry/);
      await expect(page.getByRole("columnheader", { name: /Expires/ })).toHaveAttribute("aria-sort", "ascending");
      const firstPage = await page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chatroom-id")));
      await page.getByRole("link", { name: "Next", exact: true }).click();
      await expect(page).toHaveURL(/cursor=/);
      const secondPage = await page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chatroom-id")));
      expect(secondPage.some((id) => firstPage.includes(id))).toBe(false);
      await page.getByRole("link", { name: "Previous", exact: true }).click();
      await expect.poll(() => page.getByTestId("chatroom-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-chatroom-id")))).toEqual(firstPage);

      await page.goto("/orgs/org_acme/chatrooms");
      await expect(page.locator("[data-testid=chatroom-filters][data-hydrated=true]")).toBeVisible();
      await page.getByRole("button", { name: "Pending handover" }).click();
      await expect(page).toHaveURL(/pending_handover=true/);
      const rows = page.getByTestId("chatroom-row");
      await expect(rows.first()).toBeVisible();
      for (const row of await rows.all()) await expect(row).toContainText("Pending handover");

      await page.getByRole("button", { name: "Columns" }).click();
      await page.getByRole("menuitemcheckbox", { name: "WABA phone" }).click();
      await page.keyboard.press("Escape");
      await expect(page.getByRole("columnheader", { name: "WABA phone" })).toHaveCount(0);
      await page.reload();
      await expect(page.getByRole("columnheader", { name: "WABA phone" })).toHaveCount(0);
      // A click before hydration opens nothing.
      await expect(page.locator("[data-testid=chatroom-filters][data-hydrated=true]")).toBeVisible();
      await page.getByRole("button", { name: "Columns" }).click();
      await page.getByRole("menuitemcheckbox", { name: "WABA phone" }).click();
      await page.keyboard.press("Escape");
      await expect(page.getByRole("columnheader", { name: "WABA phone" })).toBeVisible();
    });

    test(`a support agent resolves a conflict with force and a note (${theme})`, async ({ page, request }) => {
      const crmId = uniqueCrmId("E2E-SUP");
      const contact = await createContact(request, { crm_id: crmId, phone_number: freshPhone(), first_name: "Support" });
      const old = await apiCreateChatroom(request, { lead_id: contact.id, remote_phone_id: "ph_acme_1" });
      await signIn(page, people.support);
      await page.goto("/orgs/org_acme/chatrooms/new");
      await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
      await expect(page.getByText("Support agents create with force.")).toBeVisible();
      await chooseContact(page, crmId);
      await expect(page.getByTestId("active-chatroom-warning")).toContainText("Creating will deactivate it");
      await page.getByRole("button", { name: "Create chatroom" }).click();
      await expect(page.getByLabel(/Note for the audit/)).toBeFocused();
      await page.getByLabel(/Note for the audit/).fill("duplicate room reported, ticket 7");
      await page.getByRole("button", { name: "Create chatroom" }).click();
      await expectToast(page, "Chatroom created.");
      expect((await apiChatroom(request, old.chatroom_id)).status).toBe("deactivated");
      await page.goto("/orgs/org_acme/conflicts");
      await expect(page.getByRole("heading", { name: "Conflicts", level: 1 })).toBeVisible();
      await expect(page.getByRole("link", { name: "Settings" })).toBeVisible();
    });

    test(`a member reads everything and is offered no change (${theme})`, async ({ page, request }) => {
      // A member reads the messages of its own chatrooms (R22): this one is Max's.
      const { contact, room } = await seedConversation(request, "u_max");
      await signIn(page, people.member);
      await expect(page.getByRole("link", { name: "New chatroom" })).toHaveCount(0);
      await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
      await expect(page.getByTestId("conversation")).toContainText("Could you send me the brochure");
      await expect(page.getByTestId("conversation").locator("[data-direction=outbound]").first()).toBeVisible();
      await expect(page.getByRole("group", { name: "Actions" })).toHaveCount(0);
      await page.goto(`/orgs/org_acme/contacts/${contact.id}`);
      await expect(page.getByRole("heading", { name: "Maya Sharma" })).toBeVisible();
      await expect(page.getByRole("link", { name: "New chatroom for this contact" })).toHaveCount(0);
      expect((await page.goto("/orgs/org_acme/conflicts"))?.status()).toBe(404);
    });
  });
}

test("the theme toggle is kept and rendered by the server, so the page never flashes the other theme", async ({ page }) => {
  await signIn(page, people.admin);
  await page.getByRole("button", { name: /Ada Admin/ }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const html = await (await page.request.get("/orgs/org_acme/settings")).text();
  expect(html).toMatch(/<html[^>]*data-theme="dark"/);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(14, 15, 17)");
  await page.getByRole("button", { name: /Ada Admin/ }).click();
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /.+/);
});

test("on a phone the rows are cards and the filters sit behind a button", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, people.admin);
  await page.goto("/orgs/org_acme/chatrooms");
  await expect(page.getByTestId("chatroom-card").first()).toBeVisible();
  await expect(page.getByTestId("chatroom-row").first()).toBeHidden();
  await page.getByRole("button", { name: "Open the menu" }).click();
  await expect(page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "Chatrooms" })).toHaveAttribute("aria-current", "page");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /^Filters/ }).click();
  await page.getByRole("dialog", { name: "Filter chatrooms" }).getByLabel("Status").selectOption("expired");
  await expect(page).toHaveURL(/status=expired/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
