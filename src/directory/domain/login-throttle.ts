/**
 * Failed logins per (username, client address) in a sliding window: past the limit, attempts are refused
 * before any bind is tried, so a password cannot be guessed at directory speed. This is the in-memory rule
 * (bounded in size); with Redis, instances share the count (src/directory/login-attempts.ts).
 */
export interface ThrottleOptions {
  maxFailures: number;
  windowMs: number;
  maxKeys: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly options: ThrottleOptions = { maxFailures: 10, windowMs: 5 * 60_000, maxKeys: 10_000 }) {}

  static key(username: string, address: string): string {
    return `${username.trim().toLowerCase()}|${address}`;
  }

  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.options.maxFailures) return 0;
    return recent[recent.length - this.options.maxFailures] + this.options.windowMs - now;
  }

  recordFailure(key: string, now: number): number {
    const recent = this.recent(key, now);
    recent.push(now);
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.options.maxFailures));
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
