import { openDatabaseFromEnv, runCommand } from "./cli.mts";

await runCommand(async () => {
  const database = await openDatabaseFromEnv();
  await database.close();
});
