/** Stands for this site's origin: only what a URL parser resolves to it is a path of ours. */
const OWN_ORIGIN = "https://switchboard.invalid";

/**
 * Only a path of this site is a place to return to after sign-in (no open redirect). Judged as a browser
 * judges it: parsed as a URL against our origin (which drops tabs and newlines and reads `\` as `/`), and
 * kept only when it stays there; what is returned is the parsed path, never the text as sent.
 */
export function safeReturnPath(value: string | undefined): string {
  if (!value) return "/";
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith("//")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The org's home: its overview. */
export const orgPath = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
export const chatroomsPath = (orgId: string) => `${orgPath(orgId)}/chatrooms`;
export const chatroomPath = (orgId: string, chatroomId: string) => `${chatroomsPath(orgId)}/${encodeURIComponent(chatroomId)}`;
export const contactPath = (orgId: string, contactId: string) => `${orgPath(orgId)}/contacts/${encodeURIComponent(contactId)}`;
/** The conflicts page, narrowed to a phone number and to the last so many days when given. */
export function conflictsPath(orgId: string, filters: { phone?: string; days?: number } = {}): string {
  const params = new URLSearchParams();
  if (filters.phone) params.set("phone", filters.phone);
  if (filters.days) params.set("days", String(filters.days));
  const query = params.toString();
  return `${orgPath(orgId)}/conflicts${query ? `?${query}` : ""}`;
}
export const auditPath = (orgId: string, query = "") => `${orgPath(orgId)}/audit${query}`;
export const settingsPath = (orgId: string) => `${orgPath(orgId)}/settings`;
export const webhooksPath = (orgId: string) => `${settingsPath(orgId)}/webhooks`;
export const webhookPath = (orgId: string, webhookId: string, cursor?: string) =>
  `${webhooksPath(orgId)}/${encodeURIComponent(webhookId)}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`;
export const newChatroomPath = (orgId: string, contactId?: string) =>
  `${chatroomsPath(orgId)}/new${contactId ? `?contact=${encodeURIComponent(contactId)}` : ""}`;

/** The CSV download of the chatroom list under the same filters (a query string of filtersHref). */
export const chatroomsExportPath = (orgId: string, filtersQuery: string) => `/data/orgs/${encodeURIComponent(orgId)}/exports/chatrooms${filtersQuery}`;

/** The CSV downloads of the audit log and the conflict log under a page's filters (a query string with "?"). */
export const auditExportPath = (orgId: string, query: string) => `/data/orgs/${encodeURIComponent(orgId)}/exports/audit${query}`;
export const conflictsExportPath = (orgId: string, query: string) => `/data/orgs/${encodeURIComponent(orgId)}/exports/conflicts${query}`;
