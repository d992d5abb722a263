import { openDatabase, type Database } from "../lib/db/client.ts";
import { databaseTarget, describeTarget } from "../lib/db/target.ts";
import { env } from "../lib/env.ts";

/**
 * Expected failures of a command print one clear line; anything else keeps its stack for debugging.
 * Checked by a marker, not instanceof: tsx may load a module once as ESM and once as CommonJS.
 */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof Error && (error as { userFacing?: boolean }).userFacing) {
      console.error(`error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

export class CommandError extends Error {
  readonly userFacing = true;
}

export async function openDatabaseFromEnv(): Promise<Database> {
  const target = databaseTarget(env());
  const database = await openDatabase(target);
  console.log(`database: ${describeTarget(target)} (migrated)`);
  return database;
}
