import { Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { LOGIN_LIMITS, LoginThrottle, ThrottleOptions } from './domain/login-throttle';

export const LOGIN_THROTTLE_DEFAULTS: ThrottleOptions = { maxFailures: LOGIN_LIMITS.perAccount, windowMs: LOGIN_LIMITS.windowMs, maxKeys: 10_000 };

/**
 * Failed directory logins per key (account and address, or address alone) in a sliding window (see LoginThrottle);
 * `maxFailures` is the key's own limit (default: the options'). One port, two
 * stores: in memory for a single process, Redis when the deployment has one (REDIS_URL), so that several
 * instances behind a balancer share one count instead of multiplying the limit by their number.
 */
export abstract class LoginAttempts {
  /** Milliseconds until the next attempt is allowed, or 0 when it is allowed now. */
  abstract retryAfterMs(key: string, now: number, maxFailures?: number): Promise<number>;
  /** Records a failure; answers the failures in the window, this one included. */
  abstract recordFailure(key: string, now: number, maxFailures?: number): Promise<number>;
  abstract recordSuccess(key: string): Promise<void>;
}

export class InMemoryLoginAttempts extends LoginAttempts {
  private readonly throttle: LoginThrottle;

  constructor(options: ThrottleOptions = LOGIN_THROTTLE_DEFAULTS) {
    super();
    this.throttle = new LoginThrottle(options);
  }

  async retryAfterMs(key: string, now: number, maxFailures?: number): Promise<number> {
    return this.throttle.retryAfterMs(key, now, maxFailures);
  }

  async recordFailure(key: string, now: number, maxFailures?: number): Promise<number> {
    return this.throttle.recordFailure(key, now, maxFailures);
  }

  async recordSuccess(key: string): Promise<void> {
    this.throttle.recordSuccess(key);
  }
}

// A sorted set per key, scored by attempt time: drop what left the window, then answer (all atomic in Redis).
const RETRY_AFTER = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
local n = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[3])
if n < max then return 0 end
local oldest = redis.call('ZRANGE', KEYS[1], n - max, n - max, 'WITHSCORES')
return tonumber(oldest[2]) + tonumber(ARGV[2]) - tonumber(ARGV[1])`;

const RECORD_FAILURE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
local n = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[3])
if n > max then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - max - 1) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return n`;

/**
 * The shared store. Keys are hashed (no username or address in Redis). Redis unreachable must not lock people out
 * nor let guessing run free: each call falls back to this process's in-memory count, with one warning per outage.
 */
export class RedisLoginAttempts extends LoginAttempts implements OnModuleDestroy {
  private readonly logger = new Logger('LoginAttempts');
  private readonly redis: IORedis;
  private readonly fallback: InMemoryLoginAttempts;
  private degraded = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly options: ThrottleOptions = LOGIN_THROTTLE_DEFAULTS,
  ) {
    super();
    this.fallback = new InMemoryLoginAttempts(options);
    // Calls wait for the connection (the first ones come before it is up) but never long: after one reconnect
    // attempt or a second, whichever comes first, they fail and the in-memory count answers.
    this.redis = new IORedis(url, { lazyConnect: false, connectTimeout: 2000, commandTimeout: 1000, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // reported by the calls that fail, once per outage
  }

  private keyOf(key: string): string {
    return `${this.prefix}:login-failures:${createHash('sha256').update(key).digest('hex')}`;
  }

  private async shared<T>(work: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    // during an outage, do not wait for Redis at every login: ioredis reconnects in the background
    if (this.degraded && this.redis.status !== 'ready') return local();
    try {
      const result = await work();
      if (this.degraded) this.logger.log('Redis is back: failed logins are counted across instances again');
      this.degraded = false;
      return result;
    } catch (err) {
      if (!this.degraded) this.logger.warn(`Redis unavailable (${(err as Error).message}): failed logins counted by this instance only`);
      this.degraded = true;
      return local();
    }
  }

  retryAfterMs(key: string, now: number, maxFailures = this.options.maxFailures): Promise<number> {
    return this.shared(
      async () => Math.max(0, Number(await this.redis.eval(RETRY_AFTER, 1, this.keyOf(key), now, this.options.windowMs, maxFailures))),
      () => this.fallback.retryAfterMs(key, now, maxFailures),
    );
  }

  recordFailure(key: string, now: number, maxFailures = this.options.maxFailures): Promise<number> {
    const member = `${now}:${randomBytes(6).toString('hex')}`;
    return this.shared(
      async () => Number(await this.redis.eval(RECORD_FAILURE, 1, this.keyOf(key), now, this.options.windowMs, maxFailures, member)),
      () => this.fallback.recordFailure(key, now, maxFailures),
    );
  }

  async recordSuccess(key: string): Promise<void> {
    await this.fallback.recordSuccess(key);
    await this.shared(
      async () => void (await this.redis.del(this.keyOf(key))),
      async () => undefined,
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
