import { endpoints } from "@/lib/api/endpoints";
import { withApi, apiRoute } from "@/lib/api/handler";
import { getChatroomByContact } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi(endpoints.chatroomByContact, ({ services, context, params }) =>
    getChatroomByContact(services, context, { contactId: params.contactId! }),
  ),
});
