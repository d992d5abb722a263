import { withApi, apiRoute } from "@/lib/api/handler";
import { getChatroomByContact } from "@/lib/chatrooms/service";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withApi({ role: "MEMBER", impersonation: "allowed", partner: "allowed" }, ({ services, context, params }) =>
    getChatroomByContact(services, context, { contactId: params.contactId! }),
  ),
});
