import { expect, test, type Page } from "@playwright/test";
import { apiCreateChatroom, createContact, expectAccessible, freshPhone, people, signIn, uniqueCrmId } from "./helpers";

/** The command palette (Ctrl/⌘+K) and the shortcuts `/`, `n` and `?`, none of which fire while typing. */

async function openPalette(page: Page) {
  await page.keyboard.press("Control+k");
  const palette = page.getByRole("dialog", { name: "Command palette" });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox", { name: "Search the dashboard" })).toBeFocused();
  return palette;
}

/** The shortcuts listen once the page has hydrated; the chatrooms filter bar says when it has. */
async function gotoList(page: Page) {
  await page.goto("/orgs/org_acme/chatrooms");
  await expect(page.locator("[data-hydrated=true]").first()).toBeAttached();
}

test("an org admin finds a contact by CRM id, phone and name in the palette and opens it", async ({ page, request }) => {
  const crmId = uniqueCrmId("PAL");
  const phone = freshPhone();
  const contact = await createContact(request, { crm_id: crmId, phone_number: phone, first_name: "Paloma", last_name: "Quist" });
  await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await gotoList(page);
  for (const query of [crmId, phone, "Paloma Quist"]) {
    const palette = await openPalette(page);
    await palette.getByRole("combobox", { name: "Search the dashboard" }).fill(query);
    await expect(palette.getByRole("option", { name: /Paloma Quist/ })).toBeVisible();
    await page.keyboard.press("Escape");
  }
  const palette = await openPalette(page);
  await palette.getByRole("combobox", { name: "Search the dashboard" }).fill(crmId);
  await palette.getByRole("option", { name: /Paloma Quist/ }).click();
  await page.waitForURL(`**/orgs/org_acme/contacts/${contact.id}`);
  await expect(page.getByRole("heading", { name: "Paloma Quist" })).toBeVisible();

  // "Chatrooms matching" searches the list for what was typed.
  const again = await openPalette(page);
  await again.getByRole("combobox", { name: "Search the dashboard" }).fill(crmId);
  await again.getByRole("option", { name: `Chatrooms matching “${crmId}”` }).click();
  await page.waitForURL(/\/chatrooms\?q=/);
  await expect(page.getByTestId("chatroom-row")).toHaveCount(1);
});

test("the palette jumps to a page and starts a new chatroom; a partner switches org with it", async ({ page, browser }) => {
  await signIn(page, people.admin);
  await gotoList(page);
  let palette = await openPalette(page);
  await palette.getByRole("combobox", { name: "Search the dashboard" }).fill("sett");
  await palette.getByRole("option", { name: "Settings" }).click();
  await page.waitForURL("**/orgs/org_acme/settings");
  palette = await openPalette(page);
  await palette.getByRole("option", { name: "New chatroom" }).click();
  await page.waitForURL("**/orgs/org_acme/chatrooms/new");

  const context = await browser.newContext();
  const partner = await context.newPage();
  await signIn(partner, people.partner);
  await gotoList(partner);
  palette = await openPalette(partner);
  await expect(palette.getByRole("group", { name: "Switch org" })).toBeVisible();
  await palette.getByRole("option", { name: "Globex Foods" }).click();
  await partner.waitForURL("**/orgs/org_globex");
  await context.close();
});

test("/ focuses the search, n starts a new chatroom and ? lists the shortcuts, but not while typing", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, people.admin);
  await gotoList(page);
  const search = page.getByRole("searchbox");
  await page.keyboard.press("/");
  await expect(search).toBeFocused();
  // Typed into the field, n and ? are letters, not shortcuts.
  await page.keyboard.type("n?");
  await expect(search).toHaveValue("n?");
  await expect(page).toHaveURL(/\/orgs\/org_acme\/chatrooms$/);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await search.blur();
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByTestId("shortcut-list")).toContainText("New chatroom");
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await page.keyboard.press("n");
  await page.waitForURL("**/orgs/org_acme/chatrooms/new");

  // Where there is no search field, / opens the palette.
  await page.goto("/orgs/org_acme/settings");
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(async () => {
    await page.keyboard.press("/");
    await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible({ timeout: 1000 });
  }).toPass();
});

test("a member may not create: n does nothing and the palette offers no new chatroom", async ({ page }) => {
  await signIn(page, people.member);
  await gotoList(page);
  await page.keyboard.press("n");
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/orgs\/org_acme\/chatrooms$/);
  const palette = await openPalette(page);
  await expect(palette.getByRole("option", { name: "Chatrooms" })).toBeVisible();
  await expect(palette.getByRole("option", { name: "New chatroom" })).toHaveCount(0);
});

for (const theme of ["light", "dark"] as const) {
  test(`the palette passes axe and is photographed at both sizes (${theme})`, async ({ browser, request }) => {
    test.setTimeout(90_000);
    const contact = await createContact(request, { crm_id: uniqueCrmId("PAL-SHOT"), phone_number: freshPhone(), first_name: "Pia", last_name: "Shot" });
    const context = await browser.newContext({ colorScheme: theme });
    const page = await context.newPage();
    await signIn(page, people.admin);
    await gotoList(page);
    for (const size of [
      { name: "desktop", width: 1440, height: 900 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      const palette = await openPalette(page);
      await palette.getByRole("combobox", { name: "Search the dashboard" }).fill("Pia");
      await expect(palette.getByRole("option", { name: /Pia Shot/ }).first()).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/palette-${size.name}-${theme}.png` });
      await page.keyboard.press("Escape");
    }
    expect(contact.id).toBeTruthy();
    await context.close();
  });
}
