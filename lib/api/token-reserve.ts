/**
 * A process's reserve of rate-limit tokens (api.md: the per-key limit is held in the database so that it
 * holds across instances). Every token still comes out of the database's bucket; a key busy in this process
 * takes a few at once, and its next requests spend them here instead of writing the bucket's row each
 * time. That row is one for all the key's requests, so taking from it one by one made every request of a
 * busy key wait for the one before it to commit.
 *
 * It never lets more through than the bucket: a reserve only holds tokens already taken, for a short while
 * (unspent ones are lost, never handed back, so another instance may be refused a little early, never let
 * through late). A key seen rarely takes one token per request, exactly as without a reserve.
 */

/** How long taken tokens stay spendable: a burst's worth, not a refill's. */
export const RESERVE_TTL_MS = 250;
/** The most tokens taken at once. */
export const MAX_RESERVE = 20;
/** A key's recent rate is counted over windows this long. */
const WINDOW_MS = 100;
/** Take enough for this long at the key's recent rate. */
const TAKE_AHEAD_MS = 50;

interface Entry {
  tokens: number;
  takenAt: number;
  windowStart: number;
  inWindow: number;
  lastWindow: number;
}

export class TokenReserve {
  // Entries are made only by `keep`, after a take from the bucket: for keys that exist, never for whatever
  // token a client sends.
  private readonly entries = new Map<string, Entry>();

  /** Spends one reserved token of this key, when there is one still good at `now`; counts the request. */
  spend(key: string, now: Date): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    const at = now.getTime();
    countRequest(entry, at);
    if (entry.tokens < 1) return false;
    // A clock that went back (a rewound test clock) makes the reserve as stale as an old one.
    if (at < entry.takenAt || at - entry.takenAt >= RESERVE_TTL_MS) {
      entry.tokens = 0;
      return false;
    }
    entry.tokens -= 1;
    return true;
  }

  /** How many tokens to ask the bucket for: 1, or more for a key with many requests in the last window. */
  wanted(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 1;
    return Math.min(MAX_RESERVE, Math.max(1, Math.ceil((entry.lastWindow * TAKE_AHEAD_MS) / WINDOW_MS)));
  }

  /** Keeps what a take got beyond the one its request spends (`taken`: 1 or more). */
  keep(key: string, taken: number, now: Date): void {
    const at = now.getTime();
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= MAX_KEYS) this.forgetIdle(at);
      entry = { tokens: 0, takenAt: at, windowStart: at, inWindow: 0, lastWindow: 0 };
      this.entries.set(key, entry);
      countRequest(entry, at);
    }
    entry.tokens = taken - 1;
    entry.takenAt = at;
  }

  /** Drops the keys with no request in the last two windows: their reserves are stale anyway. */
  private forgetIdle(at: number): void {
    for (const [key, entry] of this.entries) {
      if (at - entry.windowStart >= Math.max(2 * WINDOW_MS, RESERVE_TTL_MS)) this.entries.delete(key);
    }
  }
}

function countRequest(entry: Entry, at: number): void {
  if (at < entry.windowStart || at - entry.windowStart >= WINDOW_MS) {
    // A gap of two windows or more means none in the last one.
    entry.lastWindow = at >= entry.windowStart && at - entry.windowStart < 2 * WINDOW_MS ? entry.inWindow : 0;
    entry.windowStart = at;
    entry.inWindow = 0;
  }
  entry.inWindow += 1;
}

/** Enough for every key busy at once; past it, idle ones are forgotten. */
const MAX_KEYS = 10_000;
