import fs from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { findApiRouteFiles } from "../lib/api/route-files.ts";

/**
 * `npm run build`'s second step, after `next build`: bundles the API's route handlers with their router
 * into `.next/api-server.mjs`, which scripts/start.mjs loads to answer API paths without Next's request
 * machinery, and hands the dashboard's API client the same router in-process. Packages stay in node_modules (imported at run time, as Next's build leaves them); TypeScript
 * is compiled here, so the production start needs neither tsx nor TypeScript.
 */
const API_BUNDLE = path.join(".next", "api-server.mjs");

const routes = findApiRouteFiles(path.resolve("app"));
const entry = [
  `import { createApiServer } from "@/lib/api/server-entry";`,
  `export { startServerOnce } from "@/lib/api/server-entry";`,
  ...routes.map((route, i) => `import * as route${i} from ${JSON.stringify(route.file)};`),
  `export const handleApi = createApiServer([`,
  ...routes.map((route, i) => `  { path: ${JSON.stringify(route.path)}, module: route${i} },`),
  `]);`,
].join("\n");

// `server-only` marks modules Next must not send to a browser; outside Next's react-server build it throws.
const serverOnly: Plugin = {
  name: "server-only",
  setup(builder) {
    builder.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    builder.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

const result = await build({
  stdin: { contents: entry, resolveDir: process.cwd(), sourcefile: "api-server-entry.ts", loader: "ts" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  plugins: [serverOnly],
  outfile: API_BUNDLE,
  sourcemap: "linked",
  metafile: true,
  logLevel: "warning",
});
const external = new Set(
  Object.values(result.metafile.outputs).flatMap((output) =>
    output.imports.filter((item) => item.external).map((item) => item.path),
  ),
);
// Next's request machinery must not come back in through a route's imports.
const framework = [...external].filter((name) => /^(next|next-auth|react|react-dom)(\/|$)/.test(name));
if (framework.length > 0) {
  fs.rmSync(API_BUNDLE, { force: true });
  console.error(`error: the API's routes import ${framework.join(", ")}; the front server serves them without Next.`);
  process.exit(1);
}
console.log(
  `API bundle: ${routes.length} routes in ${API_BUNDLE} (${Math.round(fs.statSync(API_BUNDLE).size / 1024)} kB)`,
);
