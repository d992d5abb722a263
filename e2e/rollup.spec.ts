import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, people, signIn } from "./helpers";

/**
 * The roll-up of a person's orgs at /orgs (partners and support agents): each org with its overview's counts
 * and its conflicts of the week, as GET /v1/orgs/stats answers for that person, sortable, with totals, each
 * figure opening the org's filtered list; the org switcher says the same figures. Axe and screenshots at
 * 1440×900 and 390×844 in both themes (test-results/screenshots/rollup-*.png).
 */
const PARTNER_TOKEN = "demo-token-north-partner-0000000000";

interface Rollup {
  items: { org_id: string; name: string; counts: Record<string, number>; recent_conflicts: number | null }[];
}

async function partnerRollup(page: Page): Promise<Rollup> {
  const answer = await page.request.get("/v1/orgs/stats", { headers: { authorization: `Bearer ${PARTNER_TOKEN}` } });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as Rollup;
}

const shown = (count: number) => count.toLocaleString("en-US");
const cell = (page: Page, orgId: string, column: string) =>
  page.locator(`[data-testid=org-rollup] tr[data-org-id="${orgId}"] td[data-column="${column}"]`);

test("a partner member sees the partner's orgs with the API's figures and totals, sorts them, and a figure opens the list", async ({
  page,
}) => {
  await signIn(page, people.partner);
  await page.goto("/orgs");
  await expect(page.getByRole("heading", { name: "Your orgs", level: 1 })).toBeVisible();
  const rollup = await partnerRollup(page);
  await page.reload();
  const rows = page.locator("[data-testid=org-rollup] tbody tr");
  await expect(rows).toHaveCount(rollup.items.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-org-id")))).toEqual(
    [...rollup.items].sort((a, b) => a.name.localeCompare(b.name)).map((item) => item.org_id),
  );
  for (const item of rollup.items) {
    await expect(cell(page, item.org_id, "active")).toHaveText(shown(item.counts.active!));
    await expect(cell(page, item.org_id, "pending_handover")).toHaveText(shown(item.counts.pending_handover!));
    await expect(cell(page, item.org_id, "recent_conflicts")).toHaveText(shown(item.recent_conflicts!));
    await expect(cell(page, item.org_id, "deactivated_in_period")).toHaveText(
      shown(item.counts.deactivated_in_period!),
    );
  }
  const total = rollup.items.reduce((sum, item) => sum + item.counts.active!, 0);
  await expect(page.locator('[data-testid=rollup-totals] td[data-column="active"]')).toHaveText(shown(total));

  await page.getByRole("link", { name: /^Active/ }).click();
  await expect(page).toHaveURL(/\/orgs\?sort=active&dir=desc$/);
  const busiest = [...rollup.items].sort(
    (a, b) => b.counts.active! - a.counts.active! || a.name.localeCompare(b.name),
  )[0]!;
  await expect(rows.first()).toHaveAttribute("data-org-id", busiest.org_id);
  await expect(page.locator("th[aria-sort=descending]")).toHaveCount(1);

  await cell(page, busiest.org_id, "active").getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${busiest.org_id}/chatrooms\\?status=active$`));
  await expect(page.getByTestId("chatroom-total")).toHaveText(shown(busiest.counts.active!));

  // The org switcher says the same figures of each org.
  await page
    .getByRole("button", { name: /switch org/ })
    .first()
    .click();
  const menu = page.getByRole("menu");
  for (const item of rollup.items) {
    await expect(menu.getByRole("menuitem", { name: new RegExp(item.name) })).toContainText(
      `${shown(item.counts.active!)} active · ${shown(item.counts.pending_handover!)} waiting for a handover · ${shown(item.recent_conflicts!)}`,
    );
  }
  await expect(menu.getByRole("menuitem", { name: "All orgs, with their counts" })).toBeVisible();
});

test("a support agent sees every org in the roll-up", async ({ page }) => {
  await signIn(page, people.support);
  await page.goto("/orgs");
  const rows = page.locator("[data-testid=org-rollup] tbody tr");
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-org-id")));
  expect(ids).toEqual(expect.arrayContaining(["org_acme", "org_globex"]));
  await expect(page.locator('[data-testid=rollup-totals] td[data-column="recent_conflicts"]')).not.toHaveText("–");
  await expectAccessible(page);
});

for (const theme of ["light", "dark"] as const) {
  test(`the roll-up passes axe and is photographed at both sizes (${theme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await signIn(page, people.partner);
    await page.goto("/orgs");
    await expect(page.getByTestId("org-rollup")).toBeVisible();
    for (const size of [
      { name: "desktop", width: 1440, height: 900 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/rollup-${size.name}-${theme}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/orgs/org_acme");
    await page
      .getByRole("button", { name: /switch org/ })
      .first()
      .click();
    // No axe here: an open Radix menu hides the rest of the page from assistive technology, skip link included.
    await expect(page.getByRole("menu")).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/rollup-switcher-${theme}.png` });
  });
}
