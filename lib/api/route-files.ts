import fs from "node:fs";
import path from "node:path";

/** Folders of `app/` whose routes Next serves itself: the dashboard's (sessions) and NextAuth's. */
const NEXT_ONLY = new Set(["api"]);

/**
 * The API's `app/**\/route.ts` files with their URL paths, as Next's file-system router reads them (route
 * groups and private folders skipped, folder names percent-decoded). Both the production server's bundle
 * (scripts/build-api.mts) and the tests' server (lib/testing/http.ts) route with exactly these.
 */
export function findApiRouteFiles(appDir: string, prefix: string[] = []): { path: string; file: string }[] {
  const found: { path: string; file: string }[] = [];
  for (const entry of fs.readdirSync(appDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_") || entry.name.startsWith("(")) continue;
      if (prefix.length === 0 && NEXT_ONLY.has(entry.name)) continue;
      found.push(...findApiRouteFiles(path.join(appDir, entry.name), [...prefix, decodeURIComponent(entry.name)]));
    } else if (entry.name === "route.ts") {
      found.push({ path: prefix.join("/"), file: path.join(appDir, entry.name) });
    }
  }
  return found;
}
