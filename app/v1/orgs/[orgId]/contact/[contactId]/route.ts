import { withApi, apiRoute } from "@/lib/api/handler";
import { updateContactBodySchema } from "@/lib/contacts/schemas";
import { updateContact } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  PUT: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", body: updateContactBodySchema },
    ({ services, context, params, body }) => updateContact(services, context, { contactId: params.contactId!, ...body }),
  ),
});
