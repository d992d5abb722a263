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

/** ITU country calling codes of two digits; 1 and 7 are the one-digit ones, every other code has three. */
const TWO_DIGIT_CODES = new Set(
  "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98".split(" "),
);

function groupDigits(digits: string): string[] {
  if (digits.length <= 4) return [digits];
  const remainder = digits.length % 3;
  const tail = remainder === 0 ? [3] : remainder === 1 ? [4] : digits.length >= 8 ? [4, 4] : [2];
  const head = (digits.length - tail.reduce((sum, size) => sum + size, 0)) / 3;
  const sizes = [...Array<number>(head).fill(3), ...tail];
  const groups: string[] = [];
  let at = 0;
  for (const size of sizes) {
    groups.push(digits.slice(at, at + size));
    at += size;
  }
  return groups;
}

/**
 * An E.164 number spaced for reading: "+1 555 010 0002", "+91 980 000 0000", with no-break spaces so that
 * a number never wraps across lines. Anything else as it is.
 */
export function formatPhoneNumber(e164: string): string {
  const match = /^\+(\d{8,15})$/.exec(e164);
  if (!match) return e164;
  const digits = match[1]!;
  const codeLength = digits[0] === "1" || digits[0] === "7" ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  const code = digits.slice(0, codeLength);
  const national = digits.slice(codeLength);
  const groups = code === "1" && national.length === 10 ? [national.slice(0, 3), national.slice(3, 6), national.slice(6)] : groupDigits(national);
  return [`+${code}`, ...groups].join("\u00a0");
}

export const groupStrategyLabel: Record<string, string> = {
  ROUND_ROBIN: "Round robin",
  LEAST_ACTIVE: "Least active",
};

export const groupStrategyHelp: Record<string, string> = {
  ROUND_ROBIN: "each new chatroom goes to the member picked least recently",
  LEAST_ACTIVE: "each new chatroom goes to the member with the fewest active chatrooms",
};

export const historyVisibilityLabel: Record<string, string> = {
  shared: "Shared: members see every message",
  joined: "Joined: members see messages from when they joined",
};

export const statusLabel: Record<string, string> = { active: "Active", deactivated: "Deactivated", expired: "Expired" };

/** A count for reading: "10,000". */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}
