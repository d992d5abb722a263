import { systemClock } from "../lib/clock.ts";
import { createApiKey, listApiKeys, revokeApiKey, type KeyOwner } from "../lib/principals/api-keys.ts";
import { CommandError, openDatabaseFromEnv, runCommand } from "./cli.mts";

const usage = `usage:
  npm run api-keys -- list
  npm run api-keys -- create (--user USER_ID | --partner PARTNER_ID | --console) [--id KEY_ID]
  npm run api-keys -- revoke KEY_ID`;

await runCommand(async () => {
  const [command, ...rest] = process.argv.slice(2);
  const flag = (name: string) => {
    const index = rest.indexOf(`--${name}`);
    return index >= 0 ? rest[index + 1] : undefined;
  };
  if (command !== "list" && command !== "create" && command !== "revoke") throw new CommandError(usage);
  const database = await openDatabaseFromEnv();
  try {
    if (command === "list") {
      for (const key of await listApiKeys(database.db)) {
        const owner = key.userId ?? key.partnerId ?? "console";
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
        console.log(`${key.id}\t${key.principalType}\t${owner}\t${state}\tlast used ${key.lastUsedAt?.toISOString() ?? "never"}`);
      }
    } else if (command === "create") {
      const user = flag("user");
      const partner = flag("partner");
      const owner: KeyOwner | undefined = user ? { user } : partner ? { partner } : rest.includes("--console") ? { console: true } : undefined;
      if (!owner) throw new CommandError(usage);
      const key = await createApiKey(database.db, { owner, id: flag("id"), now: systemClock.now() });
      console.log(`new API key ${key.id}: ${key.token}   (shown once; only its hash is stored)`);
    } else {
      const id = rest[0];
      if (!id) throw new CommandError(usage);
      console.log((await revokeApiKey(database.db, { id, now: systemClock.now() })) ? `revoked ${id}` : `${id} is unknown or already revoked`);
    }
  } finally {
    await database.close();
  }
});
