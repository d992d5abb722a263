/**
 * What a combination of the org's deadlines means, said before saving (R1, R2): inactivity counts only
 * while it comes before expiry, so an inactivity period as long as the expiry never deactivates anything.
 */
export function deadlinesWarning(inactivityDays: number, expiryDays: number): string | null {
  if (!Number.isInteger(inactivityDays) || !Number.isInteger(expiryDays)) return null;
  if (inactivityDays >= expiryDays) {
    return `Chatrooms expire after ${expiryDays} day${expiryDays === 1 ? "" : "s"}, before ${inactivityDays} days without a message can pass: no chatroom will ever be deactivated for inactivity. Make inactivity shorter than expiry if idle chatrooms should close early.`;
  }
  return null;
}
