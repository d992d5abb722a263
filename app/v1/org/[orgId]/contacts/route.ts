import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { listContacts } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.listContacts, ({ services, context, query }) =>
    listContacts(services.db, { orgId: context.orgId, ...query }),
  ),
});
