import { withApi, apiRoute } from "@/lib/api/handler";
import { createContactBodySchema } from "@/lib/contacts/schemas";
import { createContact } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(
    { role: "ADMIN", impersonation: "refused", partner: "allowed", body: createContactBodySchema },
    ({ services, context, body }) => createContact(services, context, body),
  ),
});
