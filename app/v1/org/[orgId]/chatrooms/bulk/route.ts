import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { createBulk } from "@/lib/bulk/jobs";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.createBulk, ({ services, context, body }) => createBulk(services, context, body)),
});
