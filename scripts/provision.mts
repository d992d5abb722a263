import fs from "node:fs";
import { systemClock } from "../lib/clock.ts";
import { provision, ProvisionError } from "../lib/provision/load.ts";
import { CommandError, openDatabaseFromEnv, runCommand } from "./cli.mts";

await runCommand(async () => {
  const file = process.argv[2];
  if (!file) throw new CommandError("usage: npm run provision -- <file.json>");
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new CommandError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  const database = await openDatabaseFromEnv();
  try {
    const result = await provision(database.db, input, systemClock);
    console.log(
      `provisioned ${result.orgs} org(s), ${result.users} user(s), ${result.contacts} contact(s), ` +
        `${result.partners} partner(s), ${result.accounts} sign-in account(s), ${result.apiKeys} API key(s)`,
    );
    for (const { id, token } of result.generatedTokens) {
      console.log(`new API key ${id}: ${token}   (shown once; only its hash is stored)`);
    }
  } catch (error) {
    if (error instanceof ProvisionError) {
      console.error(error.message);
      process.exitCode = 1;
    } else throw error;
  } finally {
    await database.close();
  }
});
