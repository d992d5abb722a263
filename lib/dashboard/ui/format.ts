/** Relative time for tables ("in 3 days", "2 hours ago"), against the server's clock passed in as `now`. */
export function relativeTime(at: string | Date, now: string | Date): string {
  // To the nearest minute first: a deadline set "7 days from now" and shown a few milliseconds later reads
  // "in 7 days", not "in 6 days".
  const diff = Math.round((new Date(at).getTime() - new Date(now).getTime()) / 60_000) * 60_000;
  const abs = Math.abs(diff);
  const units: [number, string][] = [
    [365 * 86_400_000, "year"],
    [30 * 86_400_000, "month"],
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
  ];
  for (const [size, name] of units) {
    if (abs >= size) {
      const count = Math.floor(abs / size);
      const label = `${count} ${name}${count === 1 ? "" : "s"}`;
      return diff >= 0 ? `in ${label}` : `${label} ago`;
    }
  }
  return "just now";
}

/** The exact time shown on hover: ISO-8601 UTC, to the second. */
export function exactTime(at: string | Date): string {
  return new Date(at).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

export const reasonLabel: Record<string, string> = {
  LEAD_OPTED_OUT: "Lead opted out",
  WRONG_NUMBER: "Wrong number",
  SPAM: "Spam",
  DUPLICATE: "Duplicate",
  AGENT_REQUEST: "Agent request",
  OTHER: "Other",
  INACTIVITY: "Inactivity",
  FORCE_NEW_CHATROOM: "Replaced by a new chatroom",
  FORCE_ACTIVATION: "Closed by a forced activation",
};
