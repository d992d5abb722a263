import { expect, test } from "@playwright/test";
import { E2E_SESSION_SECRET } from "../playwright.config";
import { people, signIn } from "./helpers";
import { extraPort, startAppServer } from "./servers";

/**
 * Several instances on one database (PostgreSQL only: the embedded one admits one process): a second
 * instance starting, restarting and stopping leaves the first one's dashboard working, with no manual step.
 */
test.skip(!process.env.DATABASE_URL, "several instances share a database only on PostgreSQL");

const visibleChatrooms = async (page: import("@playwright/test").Page, baseUrl: string) => {
  const response = await page.goto(`${baseUrl}/orgs/org_acme/chatrooms`);
  expect(response?.status(), baseUrl).toBe(200);
  await expect(page.getByRole("table").first()).toBeVisible();
};

test("a second instance starts, restarts and stops in any order; both dashboards keep working", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const first = test.info().project.use.baseURL!;
  await signIn(page, people.admin);
  await visibleChatrooms(page, first);

  const port = extraPort(3);
  const env = { NEXTAUTH_SECRET: E2E_SESSION_SECRET, TEST_CLOCK: "1", PROVISION_DEMO_WHEN_EMPTY: "1" };
  let second = await startAppServer(port, env);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`${second.url}/signin`);
  await expect(otherPage.locator("form[data-hydrated=true]")).toBeVisible();
  await otherPage.getByLabel("Email").fill(people.admin.email);
  await otherPage.getByLabel("Password").fill(people.admin.password);
  await otherPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await otherPage.waitForURL((url) => !url.pathname.startsWith("/signin"));
  await visibleChatrooms(otherPage, second.url);
  // The first instance is untouched by the second's start.
  await visibleChatrooms(page, first);

  // Restarted: a new key of its own; the first instance still works, and so does the second.
  await second.stop();
  second = await startAppServer(port, env);
  await visibleChatrooms(page, first);
  await visibleChatrooms(otherPage, second.url);
  await second.stop();
  await visibleChatrooms(page, first);
  await other.close();
});
