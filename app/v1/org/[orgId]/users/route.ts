import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listUsers } from "@/lib/orgs/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listUsers, async ({ services, context }) => ({
    items: await listUsers(services.db, context),
  })),
});
