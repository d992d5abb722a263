import { expect, test } from "@playwright/test";

test("the home page and the health endpoints answer", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Switchboard" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/home.png", fullPage: true });

  const ready = await request.get("/readyz");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ ready: true });
});

test("the demo data is served through the API with the demo admin key", async ({ request }) => {
  const response = await request.get("/v1/org/org_acme/chatroom/contact/c_acme_020", {
    headers: { authorization: "Bearer demo-token-ada-admin-acme-0000000000" },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.waba.remote_waba_id).toMatch(/^waba_acme_/);
});

test("the server keeps idle connections longer than a load balancer's 60 s, and says so", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["keep-alive"]).toBe("timeout=65");
});
