import { withApi, apiRoute } from "@/lib/api/handler";
import { listUsers } from "@/lib/orgs/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi({ role: "MEMBER", impersonation: "allowed", partner: "allowed" }, async ({ services, context }) => ({
    items: await listUsers(services.db, context),
  })),
});
