import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listGroups } from "@/lib/orgs/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listGroups, async ({ services, context }) => ({
    items: await listGroups(services.db, context),
  })),
});
