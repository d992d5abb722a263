import { expect, test, type Page } from "@playwright/test";
import { ADMIN_TOKEN, expectAccessible, people, signIn } from "./helpers";

/**
 * The overview, the org's home: its figures are the API's (GET /v1/org/{orgId}/stats), its cards open the
 * chatroom list under the matching filter, a member sees it without the conflict log; axe and screenshots
 * at 1440×900 and 390×844 in both themes (test-results/screenshots/overview-*.png).
 */
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

interface Stats {
  counts: {
    active: number;
    pending_handover: number;
    unassigned: number;
    expiring_soon: number;
    deactivated_in_period: number;
    expired_in_period: number;
  };
  daily: { date: string; opened: number; closed: number }[];
  conflicts_per_day: { date: string; count: number }[] | null;
  load: { agents: { user_id: string; active_chatrooms: number }[] };
  deactivation_reasons: { reason: string; count: number }[];
}

async function apiStats(page: Page): Promise<Stats> {
  const answer = await page.request.get("/v1/org/org_acme/stats", { headers: auth });
  expect(answer.status()).toBe(200);
  return (await answer.json()) as Stats;
}

const shown = (count: number) => count.toLocaleString("en-US");

test("an admin lands on the overview; its figures are the API's and a card opens the filtered list", async ({ page }) => {
  await signIn(page, people.admin);
  await expect(page).toHaveURL(/\/orgs\/org_acme$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Org" }).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  const stats = await apiStats(page);
  await page.reload();
  for (const [name, count] of Object.entries(stats.counts)) {
    await expect(page.getByTestId(`count-${name}`)).toHaveText(shown(count));
  }
  expect(stats.counts.active).toBeGreaterThan(0);

  const daily = page.getByTestId("daily-figures");
  await daily.getByRole("tab", { name: "Table" }).click();
  const table = daily.getByTestId("daily-table");
  await expect(table.getByRole("row")).toHaveCount(stats.daily.length + 1);
  const opened = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[0]?.textContent));
  expect(opened).toEqual(stats.daily.map((day) => shown(day.opened)));
  const closed = await table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelectorAll("td")[1]?.textContent));
  expect(closed).toEqual(stats.daily.map((day) => shown(day.closed)));
  await daily.getByRole("tab", { name: "Chart" }).click();
  await expect(daily.locator("[data-testid=daily-chart] canvas")).toBeVisible();

  const conflicts = page.getByTestId("conflicts-figures");
  await conflicts.getByRole("tab", { name: "Table" }).click();
  const conflictCounts = await conflicts.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.querySelector("td")?.textContent));
  expect(conflictCounts).toEqual(stats.conflicts_per_day!.map((day) => shown(day.count)));

  for (const agent of stats.load.agents) {
    await expect(page.locator(`[data-testid=agent-row][data-user-id="${agent.user_id}"] td`).last()).toHaveText(shown(agent.active_chatrooms));
  }
  await expect(page.getByTestId("reason-row")).toHaveCount(stats.deactivation_reasons.length);

  await page.getByRole("link", { name: /^Active now/ }).click();
  await expect(page).toHaveURL(/\/orgs\/org_acme\/chatrooms\?status=active$/);
  await expect(page.getByTestId("chatroom-total")).toHaveText(shown(stats.counts.active));

  await page.goto("/orgs/org_acme");
  await page.getByRole("link", { name: /^Unassigned/ }).click();
  await expect(page).toHaveURL(/status=active&unassigned=true$/);
  await expect(page.getByTestId("chatroom-total")).toHaveText(shown(stats.counts.unassigned));
});

test("a member sees the overview without the conflict log", async ({ page }) => {
  await signIn(page, people.member);
  await expect(page).toHaveURL(/\/orgs\/org_acme$/);
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  const stats = await apiStats(page);
  await expect(page.getByTestId("count-active")).toHaveText(shown(stats.counts.active));
  await expect(page.getByText("Only org admins see the conflict log.")).toBeVisible();
  await expect(page.getByTestId("conflicts-figures")).toHaveCount(0);
  await expect(page.getByTestId("daily-figures").locator("[data-testid=daily-chart] canvas")).toBeVisible();
  await expectAccessible(page);
});

for (const theme of ["light", "dark"] as const) {
  test(`the overview passes axe and is photographed at both sizes (${theme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    await signIn(page, people.admin);
    await expect(page.getByTestId("daily-figures").locator("[data-testid=daily-chart] canvas")).toBeVisible();
    for (const size of [
      { name: "desktop", width: 1440, height: 900 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await expect(page.getByTestId("daily-figures").locator("[data-testid=daily-chart] canvas")).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `test-results/screenshots/overview-${size.name}-${theme}.png`, fullPage: true });
    }
    await page.getByTestId("daily-figures").getByRole("tab", { name: "Table" }).click();
    await expectAccessible(page);
    await page.screenshot({ path: `test-results/screenshots/overview-table-phone-${theme}.png`, fullPage: true });
  });
}
