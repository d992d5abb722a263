import { expect, test } from "@playwright/test";
import { apiChatroom, apiCreateChatroom, createContact, expectToast, freshPhone, people, signIn, uniqueCrmId } from "./helpers";

test("a malformed percent-escape in a path is a 400 in the error format, not Next's plain 500", async ({ request }) => {
  for (const path of ["/v1/org/%E0%A4%A/config", "/v1/org/%ZZ/config", "/v1/org/org_acme/chatrooms/%FF%FE", "/orgs/%E0%A4%A/chatrooms"]) {
    const response = await request.get(path, { headers: { authorization: "Bearer demo-token-ada-admin-acme-0000000000" } });
    expect(response.status(), path).toBe(400);
    expect(await response.json()).toMatchObject({ error_code: 4000001, error_message: "VALIDATION_FAILED", payload: { issues: [{ path: "path" }] } });
  }
});

test("/docs and the 404 page run their scripts under the CSP; a prefetch gets the CSP too", async ({ page, request }) => {
  for (const path of ["/docs", "/no/such/page"]) {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to execute/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(path);
    const csp = response!.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((value) => value === nonce), path).toBe(true);
    // The page hydrated: React ran, which the CSP would have blocked.
    await expect.poll(() => page.evaluate(() => "__next_f" in window)).toBe(true);
    expect(violations, path).toEqual([]);
    page.removeAllListeners("console");
  }
  for (const headers of [{ purpose: "prefetch" }, { "next-router-prefetch": "1" }, { "sec-purpose": "prefetch" }] as Record<string, string>[]) {
    const prefetched = await request.get("/signin", { headers });
    expect(prefetched.headers()["content-security-policy"], JSON.stringify(headers)).toContain("'strict-dynamic'");
  }
});

test("a NUL in the sign-in email gets the generic answer and nothing of the database", async ({ request }) => {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const email of ["ada\u0000@acme.example", "a".repeat(400) + "@acme.example"]) {
    const response = await request.post("/api/auth/callback/credentials", {
      headers: { "x-auth-return-redirect": "1" },
      form: { email, password: "demo-password-ada", csrfToken: csrf.csrfToken, json: "true", callbackUrl: "/" },
    });
    const text = await response.text();
    expect(text).toContain("CredentialsSignin");
    expect(text).not.toMatch(/select|insert|accounts|invalid byte|0x00|syntax/i);
  }
});

test("after sign-in, a callbackUrl that a browser would take elsewhere ends on this site", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2F%09%2Fevil.example%2F");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
  await page.getByLabel("Email").fill(people.admin.email);
  await page.getByLabel("Password").fill(people.admin.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
});

test("a session cookie copied before sign-out no longer works after it; sign out everywhere ends every session", async ({ browser }) => {
  test.setTimeout(120_000);
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, people.globexAdmin);
  const copied = await first.cookies();
  await page.getByRole("button", { name: /Gina/ }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);

  const thief = await browser.newContext();
  await thief.addCookies(copied);
  const stolen = await thief.newPage();
  await stolen.goto("/orgs");
  await expect(stolen).toHaveURL(/\/signin/);

  // Two live sessions of one person: "sign out everywhere" in one ends the other as well.
  const laptop = await browser.newContext();
  const phone = await browser.newContext();
  const laptopPage = await laptop.newPage();
  const phonePage = await phone.newPage();
  await signIn(laptopPage, people.globexAdmin, { fresh: true });
  await signIn(phonePage, people.globexAdmin, { fresh: true });
  await laptopPage.getByRole("button", { name: /Gina/ }).click();
  await laptopPage.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await laptopPage.waitForURL(/\/signin/);
  await phonePage.goto("/orgs");
  await expect(phonePage).toHaveURL(/\/signin/);
  // Signing in again works.
  await signIn(phonePage, people.globexAdmin, { fresh: true });
  await expect(phonePage).not.toHaveURL(/\/signin/);
  for (const context of [first, thief, laptop, phone]) await context.close();
});

test("one person's burst of data requests leaves another person's data requests and pages working", async ({ browser }) => {
  test.setTimeout(120_000);
  const member = await browser.newContext();
  const memberPage = await member.newPage();
  await signIn(memberPage, people.member);
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, people.globexAdmin);
  // While the member's burst is in flight (how many of it are refused depends on how fast the machine
  // serves it; the per-person buckets have their own tests), another person's data request is served.
  const burst = Promise.all(Array.from({ length: 260 }, () => memberPage.request.get("/data/orgs/org_acme/contacts?q=ACME-10")));
  const other = await adminPage.request.get("/data/orgs/org_globex/contacts");
  expect(other.status()).toBe(200);
  const statuses = (await burst).map((response) => response.status());
  expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
  await adminPage.goto("/orgs/org_globex/chatrooms");
  await expect(adminPage.getByRole("heading", { name: /chatrooms/i }).first()).toBeVisible();
  await member.close();
  await admin.close();
});

test("a member's chatroom page says the change history is for admins, and an admin's shows it", async ({ page, browser, request }) => {
  test.setTimeout(120_000);
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-HISTORY"), phone_number: freshPhone(), first_name: "History" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id, assign_details: { assign_mode: "USER", user_id: "u_max" } });
  await signIn(page, people.member);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await expect(page.getByTestId("history-admins-only")).toHaveText("The change history is shown to admins.");
  await expect(page.getByTestId("timeline")).toHaveCount(0);
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, people.admin);
  await adminPage.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await expect(adminPage.getByTestId("timeline")).toContainText("created the chatroom");
  await admin.close();
});

test("a server action replayed with an id that is not a string acts on nothing", async ({ page, request }) => {
  test.setTimeout(120_000);
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-ARGS"), phone_number: freshPhone(), first_name: "Args" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByLabel(/I understand/).check();
  let captured: { url: string; headers: Record<string, string>; body: string } | undefined;
  await page.route(/.*/, async (route) => {
    const req = route.request();
    if (req.method() === "POST" && req.headers()["next-action"]) {
      captured = { url: req.url(), headers: req.headers(), body: req.postData() ?? "" };
      await route.abort();
    } else await route.continue();
  });
  await page.getByRole("button", { name: "Deactivate", exact: true }).last().click();
  await expect.poll(() => captured !== undefined).toBe(true);
  const args = JSON.parse(captured!.body) as unknown[];
  expect(args[0]).toBe("org_acme");
  args[0] = ["org_acme"];
  const replay = await page.request.post(captured!.url, { headers: captured!.headers, data: JSON.stringify(args) });
  expect(replay.status()).toBe(404);
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("active");
  // The same request with the id as sent works: the refusal was the shape, not the replay.
  const original = await page.request.post(captured!.url, { headers: captured!.headers, data: captured!.body });
  expect(original.status()).toBe(200);
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("deactivated");
  void expectToast;
});
