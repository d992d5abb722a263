import { expect, test } from "@playwright/test";
import { apiChatroom, apiCreateChatroom, createContact, freshPhone, people, signIn, uniqueCrmId } from "./helpers";

test("pages carry a Content-Security-Policy without unsafe-eval, frame-ancestors 'none', and the other security headers", async ({ page }) => {
  for (const path of ["/signin", "/"]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
  }
  // The scripts run under that policy: the sign-in form hydrates.
  await page.goto("/signin");
  await expect(page.locator("form[data-hydrated=true]")).toBeVisible();
});

test("a server action sent from another origin is refused and changes nothing", async ({ page, request }) => {
  const contact = await createContact(request, { crm_id: uniqueCrmId("E2E-ORIGIN"), phone_number: freshPhone(), first_name: "Origin" });
  const room = await apiCreateChatroom(request, { lead_id: contact.id });
  await signIn(page, people.admin);
  await page.goto(`/orgs/org_acme/chatrooms/${room.chatroom_id}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByLabel(/I understand/).check();
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
  const cookies = await page.context().cookies();
  const forged = await page.request.post(captured!.url, {
    headers: {
      ...captured!.headers,
      origin: "http://evil.example",
      cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
    },
    data: captured!.body ?? undefined,
  });
  expect(forged.status()).toBeGreaterThanOrEqual(400);
  expect((await apiChatroom(request, room.chatroom_id)).status).toBe("active");
});
