/**
 * What a person reads when the API refuses or fails: a sentence about what happened and what to do, never
 * an error code, a parameter name or a payload path. Keyed by the API's error_message.
 */
export interface Explained {
  /** One sentence: what happened. */
  title: string;
  /** What to do about it. */
  hint: string;
}

const explanations: Record<string, Explained> = {
  VALIDATION_FAILED: { title: "Some of the details are not valid.", hint: "Check the highlighted fields and try again." },
  MALFORMED_JSON: { title: "The dashboard sent a request the server could not read.", hint: "Reload the page and try again." },
  UNAUTHORIZED: { title: "The dashboard could not sign in to the chatroom API.", hint: "Ask an administrator to check the dashboard's API token." },
  CREDENTIAL_REFUSED: {
    title: "The chatroom API refused this dashboard's credential, so nothing can be shown or changed just now.",
    hint: "It is not your sign-in: ask whoever runs Switchboard to check the dashboard's API token.",
  },
  FORBIDDEN: { title: "Your role may not do this here.", hint: "Ask an org admin if it needs doing." },
  ORG_ACCESS_DENIED: { title: "This org is not one you can work in.", hint: "Choose one of your orgs from the org menu." },
  IMPERSONATION_NOT_ALLOWED: { title: "This cannot be done while acting as another user.", hint: "Do it as yourself." },
  NOT_FOUND: { title: "It no longer exists, or it is not in this org.", hint: "Reload the page to see what is there now." },
  CHATROOM_EXISTS_FOR_PHONE: {
    title: "Another contact with this phone number already has an active chatroom.",
    hint: "Open that chatroom, put this one on another WABA phone, or deactivate the other one first.",
  },
  NO_WABA_PHONE_AVAILABLE: {
    title: "Every WABA phone already has an active chatroom for this phone number.",
    hint: "Deactivate one of them, then try again.",
  },
  NO_WABA_PHONE: { title: "There is no WABA phone to put the chatroom on.", hint: "Add a phone to this org's WABA first." },
  LEAD_HAS_ACTIVE_CHATROOM: {
    title: "This contact already has an active chatroom on another WABA phone.",
    hint: "Open it, or force-deactivate it to create the new one.",
  },
  ACTIVE_CHATROOM_EXISTS: {
    title: "Another chatroom of this phone number or contact is active.",
    hint: "Open it, or activate with force to deactivate it first.",
  },
  CHATROOM_EXPIRED: { title: "This chatroom has expired, and expiry is final.", hint: "Create a new chatroom for the contact instead." },
  CHATROOM_NOT_ACTIVE: { title: "This chatroom is not active any more.", hint: "Activate it first, or create a new one." },
  NO_ASSIGNABLE_USER: { title: "Nobody can be assigned.", hint: "Choose an active user, or a group with active members." },
  IDEMPOTENCY_KEY_REUSED: { title: "This change was already sent with other details.", hint: "Reload the page and try again." },
  IDEMPOTENCY_KEY_IN_USE: { title: "The same change is still being made.", hint: "Wait a moment, then reload the page." },
  PAYLOAD_TOO_LARGE: { title: "That is too much text to send at once.", hint: "Shorten it and try again." },
  UNSUPPORTED_MEDIA_TYPE: { title: "The dashboard sent a request the server could not read.", hint: "Reload the page and try again." },
  RATE_LIMITED: { title: "Too many requests in a short time.", hint: "Wait a few seconds, then try again." },
  INTERNAL: { title: "Something went wrong on the server.", hint: "Try again; if it keeps happening, tell support the time it happened." },
  UNREACHABLE: { title: "The chatroom API did not answer.", hint: "Check your connection and try again in a moment." },
  NOT_CONFIGURED: { title: "The dashboard is still starting.", hint: "Try again in a few seconds." },
  BAD_RESPONSE: { title: "The chatroom API answered in a way the dashboard does not understand.", hint: "Tell an administrator; the API may be a different version." },
  MISSING: { title: "The chatroom API this dashboard talks to does not offer this.", hint: "It is an extension of Switchboard's that this server lacks." },
};

export function explain(name: string): Explained {
  return explanations[name] ?? { title: "The chatroom API refused this.", hint: "Reload the page and try again." };
}

interface FailureSubject {
  name: string;
  subject: { kind?: string; userId?: string; groupId?: string };
}

/**
 * A refusal that concerns one thing the form chose, as an error on that field, in words, saying what to
 * do: "Night shift has no active member to assign. Choose another group, or a user."
 */
export function fieldErrorsOfSubject(error: FailureSubject, names: { user: (id: string) => string; group: (id: string) => string }): Record<string, string> {
  const { subject } = error;
  if (error.name === "NO_ASSIGNABLE_USER") {
    if (subject.groupId) return { group_id: `${names.group(subject.groupId)} has no active member to assign. Choose another group, or a user.` };
    if (subject.userId) return { user_id: `${names.user(subject.userId)} is disabled and cannot be assigned. Choose another user.` };
  }
  if (error.name === "NOT_FOUND") {
    const gone: Record<string, [string, string]> = {
      user: ["user_id", "This user is no longer in the org. Choose another user."],
      group: ["group_id", "This group is no longer in the org. Choose another group."],
      waba: ["remote_waba_id", "This WABA is no longer in the org. Choose another, or leave the default."],
      waba_phone: ["remote_phone_id", "This phone is not one of the chosen WABA's. Choose another, or leave the default."],
      contact: ["lead_id", "This contact no longer exists. Search for the contact again."],
    };
    const entry = subject.kind ? gone[subject.kind] : undefined;
    if (entry) return { [entry[0]]: entry[1] };
  }
  return {};
}
