import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The documents cite the code: files (`lib/...`), names in files (`createChatroom` in `lib/...`) and tests
 * (`lib/....test.ts`: "R7: ..."). A rename that leaves a citation behind fails here, naming it.
 */

const DOCUMENTS = ["README.md", "docs/architecture.md", "docs/rules.md", "docs/scaling.md"];
const REPOSITORY_PATH =
  /^(?:lib|app|components|scripts|e2e|docs|public|\.ci)\/|^(?:package\.json|eslint\.config\.mjs|knip\.json|instrumentation\.ts|proxy\.ts|next\.config\.ts|playwright\.config\.ts|vitest\.config\.mts)$/;

/** The document's prose, fenced blocks left out, with every run of whitespace as one space (a citation may wrap). */
function read(document: string): string {
  return fs
    .readFileSync(path.resolve(document), "utf8")
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\s+/g, " ");
}

/** A concrete path of the repository: not a pattern (`lib/<domain>/...`, `lib/*`), not a command. */
function isConcretePath(token: string): boolean {
  return REPOSITORY_PATH.test(token) && !/[*<>\s]|\.\.\./.test(token);
}

const existing = (file: string) => fs.existsSync(path.resolve(file));

describe("the documents cite code that exists", () => {
  it.each(DOCUMENTS)("%s: every cited file exists", (document) => {
    const cited = [...read(document).matchAll(/`([^`]+)`/g)].map((match) => match[1]!).filter(isConcretePath);
    expect(cited.length).toBeGreaterThan(0);
    expect([...new Set(cited)].filter((file) => !existing(file))).toEqual([]);
  });

  it.each(DOCUMENTS)("%s: every name cited as in a file is in that file", (document) => {
    const missing: string[] = [];
    const citations = read(document).matchAll(/((?:`[A-Za-z_$][\w$]*`(?:, | and | or ))*`[A-Za-z_$][\w$]*`) in `([^`\s]+)`/g);
    for (const [, names, file] of citations) {
      if (!isConcretePath(file!) || !existing(file!)) continue;
      const source = fs.readFileSync(path.resolve(file!), "utf8");
      for (const [, name] of names!.matchAll(/`([^`]+)`/g)) {
        if (!new RegExp(`(?<![\\w$])${name!.replace(/\$/g, "\\$")}(?![\\w$])`).test(source)) missing.push(`${name} in ${file}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(DOCUMENTS)("%s: every cited test name is a test of that file", (document) => {
    const missing: string[] = [];
    for (const [, file, names] of read(document).matchAll(/`([^`\s]+\.(?:test|spec)\.ts)`: ((?:"[^"]+"(?:, )?)+)/g)) {
      const source = fs.readFileSync(path.resolve(file!), "utf8");
      for (const [, name] of names!.matchAll(/"([^"]+)"/g)) {
        if (![`"${name}"`, `'${name}'`, `\`${name}\``].some((literal) => source.includes(literal))) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
