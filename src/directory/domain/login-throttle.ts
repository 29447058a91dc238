/**
 * Failed logins in a sliding window: past the limit, attempts are refused before any bind is tried, so a
 * password cannot be guessed at directory speed. Three counts (each key names its own):
 * - per account and address: the directory entry the typed name found (its stable key), so every spelling the
 *   directory takes for one person (`alice`, `ALICE`, `ａｌｉｃｅ`) adds to one count; a name that finds no entry
 *   counts under its normalised form (NFKC, case-folded);
 * - per address, across all usernames: password spraying from one place (several people behind one NAT still
 *   fit: 50 failures in 5 minutes is far more than typos make).
 * This is the in-memory rule (bounded in size); with Redis, instances share the count (src/directory/login-attempts.ts).
 */
export interface ThrottleOptions {
  /** Failures allowed per key in the window, unless the key says otherwise. */
  maxFailures: number;
  windowMs: number;
  maxKeys: number;
}

export const LOGIN_LIMITS = { perAccount: 10, perAddress: 50, windowMs: 5 * 60_000 } as const;

/** One count: what it is keyed by and how many failures it allows in the window. */
export interface ThrottleKey {
  key: string;
  maxFailures: number;
}

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * A typed username as the directory compares it: compatibility forms folded (NFKC: fullwidth `ａ` is `a`),
 * invisible characters dropped, case folded (upper then lower, so `ß` and `SS` meet), outer spaces trimmed.
 */
export function loginName(input: string): string {
  return input.normalize('NFKC').replace(IGNORABLE, '').toUpperCase().toLowerCase().normalize('NFKC').trim();
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: ThrottleOptions = { maxFailures: LOGIN_LIMITS.perAccount, windowMs: LOGIN_LIMITS.windowMs, maxKeys: 10_000 }) {}

  /** A typed name that found no single entry, from one address. */
  static key(username: string, address: string): string {
    return `name:${loginName(username)}|${address}`;
  }

  static forName(username: string, address: string): ThrottleKey {
    return { key: LoginThrottle.key(username, address), maxFailures: LOGIN_LIMITS.perAccount };
  }

  /** The directory entry a name found (entryUUID / objectGUID, lower case), from one address. */
  static forEntry(entryKey: string, address: string): ThrottleKey {
    return { key: `entry:${entryKey.toLowerCase()}|${address}`, maxFailures: LOGIN_LIMITS.perAccount };
  }

  /** Every failure from one address, whatever the username. */
  static forAddress(address: string): ThrottleKey {
    return { key: `address:${address}`, maxFailures: LOGIN_LIMITS.perAddress };
  }

  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(key: string, now: number, maxFailures = this.options.maxFailures): number {
    const recent = this.recent(key, now);
    if (recent.length < maxFailures) return 0;
    return recent[recent.length - maxFailures] + this.options.windowMs - now;
  }

  recordFailure(key: string, now: number, maxFailures = this.options.maxFailures): number {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-maxFailures));
    this.evict(now);
    return recent.length;
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  get size(): number {
    return this.failures.size;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.options.windowMs);
  }

  /** Oldest keys go first (Map keeps insertion order and a failure re-inserts its key). */
  private evict(now: number): void {
    if (this.failures.size <= this.options.maxKeys) return;
    for (const [k, times] of this.failures) {
      if (this.failures.size <= this.options.maxKeys && times[times.length - 1] > now - this.options.windowMs) break;
      this.failures.delete(k);
    }
  }
}
