/** The react-query keys of the dashboard, from one factory so that a change invalidates exactly what it affects. */
export const queryKeys = {
  org: (orgId: string) => ["org", orgId] as const,
  contacts: (orgId: string, q: string) => ["org", orgId, "contacts", q] as const,
  activeChatroomOf: (orgId: string, contactId: string) => ["org", orgId, "contacts", contactId, "active-chatroom"] as const,
  chatrooms: (orgId: string) => ["org", orgId, "chatrooms"] as const,
  chatroom: (orgId: string, chatroomId: string) => ["org", orgId, "chatrooms", chatroomId] as const,
  activationPreview: (orgId: string, chatroomId: string) => ["org", orgId, "chatrooms", chatroomId, "activation-preview"] as const,
};

/** Paths of the dashboard's data requests (route handlers under app/(dashboard)/data). */
export const dataPaths = {
  contacts: (orgId: string, q: string) => `/data/orgs/${encodeURIComponent(orgId)}/contacts?q=${encodeURIComponent(q)}`,
  activeChatroomOf: (orgId: string, contactId: string) => `/data/orgs/${encodeURIComponent(orgId)}/contacts?active_of=${encodeURIComponent(contactId)}`,
  chatroom: (orgId: string, chatroomId: string) => `/data/orgs/${encodeURIComponent(orgId)}/chatrooms/${encodeURIComponent(chatroomId)}`,
  activationPreview: (orgId: string, chatroomId: string) =>
    `/data/orgs/${encodeURIComponent(orgId)}/chatrooms/${encodeURIComponent(chatroomId)}/activation-preview`,
  bulkJob: (orgId: string, bulkId: string, cursor: string) =>
    `/data/orgs/${encodeURIComponent(orgId)}/bulk/${encodeURIComponent(bulkId)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`,
};

export async function fetchData<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(response.status === 404 ? "It is no longer there." : "The dashboard could not load this; try again.");
  return (await response.json()) as T;
}
