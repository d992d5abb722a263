import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectToast, people, signIn } from "./helpers";

const views = (page: Page) => page.getByRole("navigation", { name: "Views" });

async function hydratedList(page: Page, query = "") {
  await page.goto(`/orgs/org_acme/chatrooms${query}`);
  await expect(page.getByTestId("chatroom-filters")).toHaveAttribute("data-hydrated", "true");
}

test("a person saves the list's filters as a view, applies, renames and deletes it; another person does not see it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const name = `Active by expiry ${Date.now().toString(36)}`;
  await signIn(page, people.admin);
  await hydratedList(page, "?status=active&sort=expiry");
  await views(page).getByRole("button", { name: "Save view" }).click();
  const saveForm = page.getByRole("form", { name: "Save view" });
  await saveForm.getByLabel("Name").fill(name);
  await saveForm.getByRole("button", { name: "Save view" }).click();
  await expectToast(page, `View “${name}” saved.`);
  const mine = views(page).getByRole("link", { name, exact: true });
  await expect(mine).toHaveAttribute("aria-current", "page");
  await expectAccessible(page);

  // The same name again (in any case) is refused on the field, and nothing is saved.
  await hydratedList(page, "?status=expired");
  await views(page).getByRole("button", { name: "Save view" }).click();
  await saveForm.getByLabel("Name").fill(name.toUpperCase());
  await saveForm.getByRole("button", { name: "Save view" }).click();
  await expect(saveForm.getByText("You already have a view of that name.")).toBeVisible();
  await page.keyboard.press("Escape");

  // Applying it sets the URL's filters.
  await hydratedList(page);
  await views(page).getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/orgs\/org_acme\/chatrooms\?status=active&sort=expiry$/);
  await expect(views(page).getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("chatroom-row").first()).toBeVisible();
  for (const status of await page
    .getByTestId("chatroom-row")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")))) {
    expect(status).toBe("active");
  }

  // Another person of the same org sees the built-in views only.
  const other = await browser.newPage();
  await signIn(other, people.member);
  await hydratedList(other);
  await expect(views(other).getByRole("link", { name: "Needs an agent" })).toBeVisible();
  await expect(views(other).getByRole("link", { name, exact: true })).toHaveCount(0);
  await other.close();

  const renamed = `${name} (renamed)`;
  await hydratedList(page);
  await views(page)
    .getByRole("button", { name: `Rename or delete the view ${name}` })
    .click();
  const renameForm = page.getByRole("form", { name: "Rename view" });
  await renameForm.getByLabel("Name").fill(renamed);
  await renameForm.getByRole("button", { name: "Rename" }).click();
  await expectToast(page, `View renamed to “${renamed}”.`);
  await expect(views(page).getByRole("link", { name: renamed, exact: true })).toHaveAttribute(
    "href",
    "/orgs/org_acme/chatrooms?status=active&sort=expiry",
  );

  await views(page)
    .getByRole("button", { name: `Rename or delete the view ${renamed}` })
    .click();
  await page.getByRole("button", { name: "Delete view" }).click();
  await expectToast(page, `View “${renamed}” deleted.`);
  await expect(views(page).getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
  await hydratedList(page);
  await expect(views(page).getByRole("link", { name: renamed, exact: true })).toHaveCount(0);
});

test("built-in views: they set the list's filters, are marked when on, cannot be deleted, and one opens the conflicts of the week", async ({
  page,
}) => {
  await signIn(page, people.admin);
  await hydratedList(page);
  const expiring = views(page).getByRole("link", { name: "Expiring in 24 h" });
  await expect(expiring).not.toHaveAttribute("aria-current", "page");
  await expiring.click();
  await page.waitForURL(/\?expiring_within_hours=24&sort=expiry$/);
  await expect(views(page).getByRole("link", { name: "Expiring in 24 h" })).toHaveAttribute("aria-current", "page");
  await expect(views(page).getByRole("button", { name: /Rename or delete the view/ })).toHaveCount(0);

  await views(page).getByRole("link", { name: "Needs an agent" }).click();
  await page.waitForURL(/\?status=active&unassigned=true&sort=activity$/);
  await expect(views(page).getByRole("link", { name: "Needs an agent" })).toHaveAttribute("aria-current", "page");

  await views(page).getByRole("link", { name: "Conflicts this week" }).click();
  await page.waitForURL(/\/orgs\/org_acme\/conflicts\?days=7$/);
  await expect(page.getByLabel("Period")).toHaveValue("7");
});
