import { getDatabase } from "@/lib/db";
import { isDatabaseUnreachable, noteDatabaseUnreachable } from "@/lib/db/availability";
import { checkReadiness } from "@/lib/db/health";
import { errorFields, log } from "@/lib/log";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { db } = await getDatabase();
    const readiness = await checkReadiness(db);
    return Response.json(
      { status: readiness.ready ? "ready" : "migrations pending", ...readiness },
      { status: readiness.ready ? 200 : 503 },
    );
  } catch (error) {
    if (isDatabaseUnreachable(error)) noteDatabaseUnreachable();
    else log("error", "readiness check failed", errorFields(error));
    return Response.json({ status: "database unreachable" }, { status: 503 });
  }
}
