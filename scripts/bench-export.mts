import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { megabytes, sampleRss } from "./process-memory.mts";

/**
 * Times one CSV download of the dashboard as a signed-in person takes it, and samples the serving process's
 * memory (resident set, of the process and its children, every 100 ms) while it streams.
 *
 *   npx tsx scripts/bench-export.mts --url http://127.0.0.1:3392 --pid 12345 \
 *     --path /data/orgs/org_perf_1m/exports/chatrooms --email sam@support.example --password demo-password-sam
 */
const { values } = parseArgs({
  options: {
    url: { type: "string" },
    path: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    pid: { type: "string" },
  },
});
const base = values.url ?? "http://127.0.0.1:3000";
const pid = Number(values.pid);
if (!values.path || !Number.isInteger(pid)) {
  console.error("usage: --url URL --path /data/orgs/ORG/exports/... --pid SERVER_PID [--email E --password P]");
  process.exit(2);
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
let cookie: string;
try {
  const page = await browser.newPage();
  await page.goto(`${base}/signin`);
  await page.locator("form[data-hydrated=true]").waitFor();
  await page.getByLabel("Email").fill(values.email ?? "sam@support.example");
  await page.getByLabel("Password").fill(values.password ?? "demo-password-sam");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  cookie = (await page.context().cookies()).map((entry) => `${entry.name}=${entry.value}`).join("; ");
} finally {
  await browser.close();
}

const memory = sampleRss(pid);
const started = performance.now();
const response = await fetch(`${base}${values.path}`, { headers: { cookie } });
if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
let bytes = 0;
let lines = 0;
let firstByteMs = 0;
for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
  if (bytes === 0) firstByteMs = performance.now() - started;
  bytes += chunk.length;
  for (const byte of chunk) if (byte === 0x0a) lines += 1;
}
const seconds = (performance.now() - started) / 1000;
const peak = memory.stop();
console.log(
  `${values.path}: ${lines - 1} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round((lines - 1) / seconds)} rows/s, first byte ${firstByteMs.toFixed(0)} ms); server RSS ${megabytes(memory.before)} before, peak ${megabytes(peak)}`,
);
