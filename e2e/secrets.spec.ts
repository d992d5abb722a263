import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_SESSION_SECRET } from "../playwright.config";
import { people, signIn } from "./helpers";

/** Generated tokens (sbk_ + 43 base64url characters), demo tokens, scrypt hashes and the session secret. */
const secretPatterns = [/sbk_[A-Za-z0-9_-]{40,}/, /demo-token-[a-z0-9-]{20,}/, /scrypt\$\d+\$/, new RegExp(E2E_SESSION_SECRET)];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

test("no file under .next/static contains an API token, a token variable's value or a password hash", () => {
  const files = filesUnder(path.join(process.cwd(), ".next", "static"));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = fs.readFileSync(file, "utf8");
    for (const pattern of secretPatterns) expect(pattern.test(text), `${file} matches ${pattern}`).toBe(false);
  }
});

test("no rendered page contains an API token or a password hash", async ({ page }) => {
  const seen: string[] = [];
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|javascript|json|x-component/.test(type)) seen.push(await response.text().catch(() => ""));
  });
  await signIn(page, people.admin);
  for (const url of ["/orgs/org_acme/chatrooms", "/orgs/org_acme/chatrooms/new", "/orgs/org_acme/conflicts", "/orgs/org_acme/settings"]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    seen.push(await page.content());
  }
  expect(seen.length).toBeGreaterThan(4);
  for (const text of seen) {
    for (const pattern of secretPatterns) expect(pattern.test(text)).toBe(false);
  }
});
