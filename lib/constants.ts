/** Reasons a client may give to deactivate a chatroom (R15). */
export const USER_DEACTIVATION_REASONS = ["LEAD_OPTED_OUT", "WRONG_NUMBER", "SPAM", "DUPLICATE", "AGENT_REQUEST", "OTHER"] as const;

/** The system's own reasons: inactivity (R2) and forced closings (R8, R16); a client cannot send them. */
export const SYSTEM_DEACTIVATION_REASONS = ["INACTIVITY", "FORCE_NEW_CHATROOM", "FORCE_ACTIVATION"] as const;

export type UserDeactivationReason = (typeof USER_DEACTIVATION_REASONS)[number];
export type DeactivationReason = UserDeactivationReason | (typeof SYSTEM_DEACTIVATION_REASONS)[number];
