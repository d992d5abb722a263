import { withApi, apiRoute } from "@/lib/api/handler";
import { listContactsQuerySchema } from "@/lib/contacts/schemas";
import { listContacts } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(
    { role: "MEMBER", impersonation: "allowed", partner: "allowed", query: listContactsQuerySchema },
    ({ services, context, query }) => listContacts(services.db, { orgId: context.orgId, ...query }),
  ),
});
