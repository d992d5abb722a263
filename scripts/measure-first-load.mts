import { gzipSync } from "node:zlib";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";

/**
 * The JavaScript a page sends on its first load, as Debian's Chromium receives it: every script response
 * of a fresh, signed-in visit, raw and gzip-compressed (level 9, per file).
 *
 *   npx tsx scripts/measure-first-load.mts --url http://127.0.0.1:3317 --path /orgs/org_acme/chatrooms \
 *     --email ada@acme.example --password demo-password-ada
 */
const { values } = parseArgs({
  options: { url: { type: "string" }, path: { type: "string" }, email: { type: "string" }, password: { type: "string" } },
});
const base = values.url ?? "http://127.0.0.1:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const signInContext = await browser.newContext();
  const signInPage = await signInContext.newPage();
  await signInPage.goto(`${base}/signin`);
  await signInPage.locator("form[data-hydrated=true]").waitFor();
  await signInPage.getByLabel("Email").fill(values.email ?? "ada@acme.example");
  await signInPage.getByLabel("Password").fill(values.password ?? "demo-password-ada");
  await signInPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await signInPage.waitForURL((url) => !url.pathname.startsWith("/signin"));
  const state = await signInContext.storageState();
  await signInContext.close();

  // A fresh context with only the session cookie: nothing cached.
  const context = await browser.newContext({ storageState: { cookies: state.cookies, origins: [] } });
  const page = await context.newPage();
  const scripts = new Map<string, Promise<Buffer>>();
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.set(response.url(), response.body());
  });
  await page.goto(`${base}${values.path ?? "/"}`, { waitUntil: "networkidle" });
  let raw = 0;
  let gzip = 0;
  for (const [url, body] of scripts) {
    const bytes = await body;
    const compressed = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += compressed;
    console.log(`${(compressed / 1024).toFixed(1).padStart(7)} kB gzip  ${new URL(url).pathname}`);
  }
  console.log(`First Load JS of ${values.path}: ${scripts.size} files, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip`);
  await context.close();
} finally {
  await browser.close();
}
