import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { dumpPgliteTemplate, openDatabase } from "@/lib/db/client";
import { adminUrl, dropDatabase, withDatabase } from "./postgres";

/** Migrates once: a PGlite dump, and a PostgreSQL template database when DATABASE_URL is set. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
  const templateFile = path.join(dir, "pglite-template.tar");
  const dump = await dumpPgliteTemplate();
  fs.writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", templateFile);

  // One template per run, so that runs at the same time on one server do not share it.
  const url = process.env.DATABASE_URL;
  const templateName = `switchboard_test_template_${process.pid}`;
  const pg = await import("pg");
  const onAdmin = async (run: (admin: InstanceType<typeof pg.default.Client>) => Promise<unknown>) => {
    const admin = new pg.default.Client({ connectionString: adminUrl(url!) });
    await admin.connect();
    try {
      await run(admin);
    } finally {
      await admin.end();
    }
  };
  if (url) {
    await onAdmin((admin) => dropDatabase(admin, templateName));
    await onAdmin((admin) => admin.query(`create database ${templateName}`));
    const template = await openDatabase({ kind: "postgres", url: withDatabase(url, templateName) });
    await template.close();
  }
  project.provide("postgresUrl", url ?? "");
  project.provide("postgresTemplate", templateName);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url) await onAdmin((admin) => dropDatabase(admin, templateName));
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
    postgresTemplate: string;
  }
}
