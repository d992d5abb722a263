/** Only a path of this site is a place to return to after sign-in (no open redirect). */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
export const chatroomsPath = (orgId: string) => `${orgPath(orgId)}/chatrooms`;
export const chatroomPath = (orgId: string, chatroomId: string) => `${chatroomsPath(orgId)}/${encodeURIComponent(chatroomId)}`;
export const contactPath = (orgId: string, contactId: string) => `${orgPath(orgId)}/contacts/${encodeURIComponent(contactId)}`;
export const conflictsPath = (orgId: string, phone?: string) =>
  `${orgPath(orgId)}/conflicts${phone ? `?phone=${encodeURIComponent(phone)}` : ""}`;
export const settingsPath = (orgId: string) => `${orgPath(orgId)}/settings`;
export const newChatroomPath = (orgId: string, contactId?: string) =>
  `${chatroomsPath(orgId)}/new${contactId ? `?contact=${encodeURIComponent(contactId)}` : ""}`;
