import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listWabas } from "@/lib/orgs/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listWabas, async ({ services, context }) => ({
    items: await listWabas(services.db, context),
  })),
});
