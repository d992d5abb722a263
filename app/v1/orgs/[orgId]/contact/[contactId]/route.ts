import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { updateContact } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  PUT: withApi(endpoints.updateContact, ({ services, context, params, body }) =>
    updateContact(services, context, { contactId: params.contactId!, ...body }),
  ),
});
