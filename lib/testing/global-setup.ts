import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { dumpPgliteTemplate, openDatabase } from "@/lib/db/client";
import { adminUrl, TEMPLATE_DATABASE, withDatabase } from "./postgres";

/** Migrates once: a PGlite dump, and a PostgreSQL template database when DATABASE_URL is set. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "switchboard-test-"));
  const templateFile = path.join(dir, "pglite-template.tar");
  const dump = await dumpPgliteTemplate();
  fs.writeFileSync(templateFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", templateFile);

  const url = process.env.DATABASE_URL;
  if (url) {
    const pg = await import("pg");
    const admin = new pg.default.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE}`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const template = await openDatabase({ kind: "postgres", url: withDatabase(url, TEMPLATE_DATABASE) });
    await template.close();
  }
  project.provide("postgresUrl", url ?? "");
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}
