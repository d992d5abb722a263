import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { getContact } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.getContact, ({ services, context, params }) =>
    getContact(services.db, { orgId: context.orgId, contactId: params.contactId! }),
  ),
});
