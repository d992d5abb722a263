/**
 * The method and path of every endpoint of the API, by the endpoint's name. The API's catalog
 * (lib/api/endpoints.ts) takes them from here, and so does the dashboard's API client, so a path is written
 * once. Paths are OpenAPI style: `{orgId}`.
 */
export const endpointPaths = {
  createChatroomV3: { method: "POST", path: "/v3/org/{orgId}/lead/chatroom" },
  reassignV3: { method: "POST", path: "/v3/org/{orgId}/lead/chatroom/{chatroomId}/reassign" },
  createChatroomV2: { method: "POST", path: "/v2/org/{orgId}/chatroom" },
  reassignV2: { method: "POST", path: "/v2/org/{orgId}/waba/chatroom/{chatroomId}/reassign" },
  deactivate: { method: "PUT", path: "/v1/org/{orgId}/contacts/chatroom/{chatroomId}/deactivate" },
  activate: { method: "PUT", path: "/v1/org/{orgId}/contacts/chatroom/{chatroomId}/activate" },
  chatroomByContact: { method: "GET", path: "/v1/org/{orgId}/chatroom/contact/{contactId}" },
  listOrgs: { method: "GET", path: "/v1/orgs" },
  createContact: { method: "POST", path: "/v2/org/{orgId}/contact" },
  updateContact: { method: "PUT", path: "/v1/orgs/{orgId}/contact/{contactId}" },
  listContacts: { method: "GET", path: "/v1/org/{orgId}/contacts" },
  getContact: { method: "GET", path: "/v1/org/{orgId}/contacts/{contactId}" },
  listChatrooms: { method: "GET", path: "/v1/org/{orgId}/chatrooms" },
  getChatroom: { method: "GET", path: "/v1/org/{orgId}/chatrooms/{chatroomId}" },
  listConflicts: { method: "GET", path: "/v1/org/{orgId}/conflicts" },
  listAudit: { method: "GET", path: "/v1/org/{orgId}/audit" },
  getConfig: { method: "GET", path: "/v1/org/{orgId}/config" },
  updateConfig: { method: "PUT", path: "/v1/org/{orgId}/config" },
  listWabas: { method: "GET", path: "/v1/org/{orgId}/wabas" },
  listUsers: { method: "GET", path: "/v1/org/{orgId}/users" },
  listGroups: { method: "GET", path: "/v1/org/{orgId}/groups" },
  listMessages: { method: "GET", path: "/v1/org/{orgId}/chatrooms/{chatroomId}/messages" },
  sendMessage: { method: "POST", path: "/v1/org/{orgId}/chatrooms/{chatroomId}/messages" },
  listUnroutedMessages: { method: "GET", path: "/v1/org/{orgId}/messages/unrouted" },
} as const satisfies Record<string, { method: "GET" | "POST" | "PUT"; path: string }>;
