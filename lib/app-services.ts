import "server-only";
import type { Services } from "@/lib/services";
import { appClock } from "@/lib/app-clock";
import { getDatabase } from "@/lib/db";

/** The database and clock of this server process, as every API entry point hands them to the domain. */
export async function getServices(): Promise<Services> {
  const { db } = await getDatabase();
  return { db, clock: appClock() };
}
