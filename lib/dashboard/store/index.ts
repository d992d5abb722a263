import "server-only";

/**
 * The dashboard's own tables (sign-in accounts, the record of what people did, saved views, its console key): the one
 * door through which the rest of the dashboard reaches them. Chatroom data never comes from here: that is
 * the API's.
 */
export {
  accountIdForEmail,
  accountNames,
  endAllSessions,
  loadPerson,
  revokeSession,
  sessionVersionOf,
  verifyCredentials,
  type SessionClaims,
} from "./accounts";
export { listChatroomActions, recordAction } from "./action-log";
export { CONSOLE_KEY_PREFIX, CONSOLE_KEY_TTL_MS, issueConsoleKey, renewConsoleKey } from "./console-key";
export {
  createSavedView,
  deleteSavedView,
  listSavedViews,
  MAX_SAVED_VIEWS,
  renameSavedView,
  type SavedView,
  type SavedViewRefusal,
} from "./saved-views";
