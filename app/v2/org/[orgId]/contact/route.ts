import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { createContact } from "@/lib/contacts/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withApi(endpoints.createContact, ({ services, context, body }) => createContact(services, context, body)),
});
