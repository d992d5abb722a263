import fs from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Provider from "oidc-provider";
import { extraPort, provisionFile, startAppServer, type AppServer } from "./servers";

/**
 * Single sign-on end to end: a real OpenID provider (oidc-provider, a certified implementation) on
 * loopback, and an instance of the app configured for it, with its own embedded database holding one
 * active and one disabled account.
 */
const appPort = extraPort(1);
const issuerPort = extraPort(2);
const issuer = `http://127.0.0.1:${issuerPort}`;
const client = { client_id: "switchboard-e2e", client_secret: "e2e-oidc-client-secret-0123456789abcdef" };

let provider: Server;
let app: AppServer;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const oidc = new Provider(issuer, {
    clients: [{ ...client, redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/callback/oidc`], grant_types: ["authorization_code"], response_types: ["code"] }],
    // The dev login form takes any login; here the login is the person's email.
    findAccount: async (_context: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, email: sub, email_verified: true, name: sub }) }),
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789"] },
    // The ID token carries the email, as the common providers send it (the dashboard reads it from there).
    conformIdTokenClaims: false,
  });
  provider = oidc.listen(issuerPort, "127.0.0.1");

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-e2e-oidc-"));
  const database = { DATABASE_URL: "", PGLITE_DIR: path.join(dataDir, "pglite") };
  provisionFile(
    {
      orgs: [
        {
          id: "org_sso",
          name: "SSO Org",
          users: [
            { id: "u_sso_active", email: "active@sso.example", name: "Active Person", role: "ADMIN", password: "sso-password-active" },
            { id: "u_sso_disabled", email: "disabled@sso.example", name: "Disabled Person", role: "ADMIN", active: false, password: "sso-password-disabled" },
          ],
        },
      ],
    },
    database,
  );
  app = await startAppServer(appPort, {
    ...database,
    PROVISION_DEMO_WHEN_EMPTY: "0",
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: client.client_id,
    OIDC_CLIENT_SECRET: client.client_secret,
  });
});

test.afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => (provider ? provider.close(resolve) : resolve(undefined)));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signInWithProvider(page: import("@playwright/test").Page, email: string) {
  await page.goto(`${app.url}/signin`);
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.waitForURL((url) => url.origin === issuer);
  await page.locator("input[name=login]").fill(email);
  await page.locator("input[name=password]").fill("anything");
  await page.locator("button[type=submit]").click();
  // The provider asks for consent once per client and person.
  const consent = page.locator("button[autofocus], button[type=submit]");
  await page.waitForURL((url) => url.origin === app.url || url.pathname.includes("/interaction/"));
  if (new URL(page.url()).origin === issuer) await consent.first().click();
  await page.waitForURL((url) => url.origin === app.url);
}

test("a provisioned email signs in through the OpenID provider and lands on its org", async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithProvider(page, "active@sso.example");
  await page.waitForURL(/\/orgs\/org_sso$/);
  await expect(page.getByRole("button", { name: /Active Person/ })).toBeVisible();
});

test("an email with no account, or a disabled one, is refused and stays signed out", async ({ browser }) => {
  test.setTimeout(90_000);
  for (const email of ["stranger@sso.example", "disabled@sso.example"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithProvider(page, email);
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect(new URL(page.url()).searchParams.get("error")).toBe("AccessDenied");
    await page.goto(`${app.url}/orgs`);
    await expect(page).toHaveURL(/\/signin/);
    await context.close();
  }
});
