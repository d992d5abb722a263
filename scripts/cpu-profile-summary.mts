import fs from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the app's CPU time went, from the V8 profiles `npm run bench:api -- --cpu-prof DIR` leaves in DIR:
 * self time by place (a file of ours, mapped back through the API bundle's source map; a package; Node's
 * internals; the garbage collector) and by function, and our own functions' total time (self and callees),
 * over the samples of one scenario (its window in
 * DIR/scenarios.json) or of the whole run.
 * The source maps are read from the build as it is now: summarize before building again.
 * Next's server chunks bundle packages too; drizzle-orm's own maps name some of its files `src/...`, so they
 * show as "package src".
 * Usage: npx tsx scripts/cpu-profile-summary.mts DIR [--scenario "app: get by contact"] [--top 15]
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}
export interface ScenarioWindow {
  scenario: string;
  fromMicros: number;
  toMicros: number;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1]! : fallback;
};
const dir = args[0];
if (!dir || dir.startsWith("--")) {
  console.error('usage: npx tsx scripts/cpu-profile-summary.mts DIR [--scenario "app: get by contact"] [--top 15]');
  process.exit(2);
}
const top = Number(option("top", "15"));
const scenarioName = option("scenario", "");
let window: ScenarioWindow | undefined;
if (scenarioName) {
  const windows = JSON.parse(fs.readFileSync(path.join(dir, "scenarios.json"), "utf8")) as ScenarioWindow[];
  window = windows.find((entry) => entry.scenario === scenarioName);
  if (!window) {
    console.error(`error: no scenario '${scenarioName}' in ${dir}/scenarios.json: ${windows.map((w) => w.scenario).join("; ")}`);
    process.exit(2);
  }
}

const sourceMaps = new Map<string, SourceMap | null>();
function sourceMapOf(url: string): SourceMap | null {
  if (!sourceMaps.has(url)) {
    const file = url.startsWith("file://") ? fileURLToPath(url) : url;
    const mapFile = `${file}.map`;
    sourceMaps.set(url, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, "utf8"))) : null);
  }
  return sourceMaps.get(url)!;
}

/** A frame's source file, relative to the project, through our bundle's source map where there is one. */
function sourceFile(frame: CallFrame): string {
  // Packages ship maps of their own sources; a package's name says enough.
  const map = frame.url && !frame.url.includes("/node_modules/") ? sourceMapOf(frame.url) : null;
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  const file = entry && "originalSource" in entry ? entry.originalSource : frame.url;
  return file.replace(/^file:\/\//, "").replace(`${process.cwd()}/`, "").replace(/^(\.\.\/)+/, "");
}

/** What a file belongs to: one of our modules, a package, or Node itself. */
function place(frame: CallFrame): string {
  if (!frame.url) return frame.functionName.startsWith("(") ? frame.functionName : "(native)";
  if (frame.url.startsWith("node:")) return "node: internals";
  const file = sourceFile(frame);
  const nodeModules = file.lastIndexOf("node_modules/");
  if (nodeModules >= 0) {
    const parts = file.slice(nodeModules + "node_modules/".length).split("/");
    return `package ${parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  return file;
}

const selfByPlace = new Map<string, number>();
const selfByFunction = new Map<string, number>();
/** Time with the function anywhere on the stack, for our own functions: where a request's time goes. */
const totalByOwnFunction = new Map<string, number>();
let total = 0;
const profiles = fs.readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
for (const name of profiles) {
  const profile = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromMicros || at > window.toMicros)) continue;
    const frame = nodes.get(profile.samples[i]!)!.callFrame;
    if (frame.functionName === "(idle)") continue;
    const where = place(frame);
    const fn = `${frame.functionName || "(anonymous)"} ${where.startsWith("package") || where.startsWith("(") ? where : `${sourceFile(frame)}`}`;
    selfByPlace.set(where, (selfByPlace.get(where) ?? 0) + delta);
    const onStack = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parents.get(id)) {
      const caller = nodes.get(id)!.callFrame;
      const file = caller.url && !caller.url.startsWith("node:") ? place(caller) : "";
      if (/^(lib|app|scripts)\//.test(file)) onStack.add(`${caller.functionName || "(anonymous)"} ${file}`);
    }
    for (const name of onStack) totalByOwnFunction.set(name, (totalByOwnFunction.get(name) ?? 0) + delta);
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + delta);
    total += delta;
  }
}

const print = (title: string, table: Map<string, number>) => {
  console.log(`\n| ${title} | CPU ms | share |\n|---|---|---|`);
  for (const [key, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`| ${key} | ${(micros / 1000).toFixed(0)} | ${((100 * micros) / total).toFixed(1)}% |`);
  }
};
console.log(
  `${profiles.length} profiles, ${window ? `scenario '${window.scenario}'` : "the whole run"}: ${(total / 1000).toFixed(0)} ms of CPU (idle left out)`,
);
print("self time by place", selfByPlace);
print("self time by function", selfByFunction);
print("our functions, time on the stack (total)", totalByOwnFunction);
