import * as net from 'node:net';
import IORedis from 'ioredis';
import { LoginThrottle } from '../../../src/directory/domain/login-throttle';
import { RedisLoginAttempts } from '../../../src/directory/login-attempts';

/**
 * Failed directory logins counted in the real Redis the test runner started: two stores with one prefix stand for
 * two service instances behind a balancer.
 */
const redisUrl = (): string => {
  const url = process.env.TEST_REDIS_URL;
  if (!url) throw new Error('TEST_REDIS_URL is not set: run through npm test');
  return url;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('failed logins shared through Redis', () => {
  const prefix = `t${Math.random().toString(36).slice(2, 10)}`;
  const options = { maxFailures: 4, windowMs: 1500, maxKeys: 100 };
  let a: RedisLoginAttempts;
  let b: RedisLoginAttempts;
  let raw: IORedis;

  beforeAll(() => {
    a = new RedisLoginAttempts(redisUrl(), prefix, options);
    b = new RedisLoginAttempts(redisUrl(), prefix, options);
    raw = new IORedis(redisUrl());
  });
  afterAll(async () => {
    await a.onModuleDestroy();
    await b.onModuleDestroy();
    raw.disconnect();
  });

  it('refuses on either instance once the failures made on both reach the limit, until the window has passed', async () => {
    const key = LoginThrottle.key('Mario.Rossi', '10.0.0.7');
    const t0 = Date.now();
    expect(await a.recordFailure(key, t0)).toBe(1);
    expect(await b.recordFailure(key, t0 + 1)).toBe(2);
    expect(await a.recordFailure(key, t0 + 2)).toBe(3);
    expect(await b.retryAfterMs(key, t0 + 3)).toBe(0);
    expect(await b.recordFailure(key, t0 + 3)).toBe(4);
    // the limit holds on both, and the wait runs from the oldest failure still counted
    expect(await a.retryAfterMs(key, t0 + 10)).toBe(options.windowMs - 10);
    expect(await b.retryAfterMs(key, t0 + 10)).toBe(options.windowMs - 10);
    // another user, or the same user from another address, is not affected
    expect(await a.retryAfterMs(LoginThrottle.key('mario.rossi', '10.0.0.8'), t0 + 10)).toBe(0);
    expect(await a.retryAfterMs(LoginThrottle.key('luigi.bianchi', '10.0.0.7'), t0 + 10)).toBe(0);
    // the window slides: past the oldest one, attempts are allowed again
    expect(await a.retryAfterMs(key, t0 + options.windowMs + 1)).toBe(0);
  });

  it('keeps no username or address in Redis, and lets the keys expire with the window', async () => {
    const key = LoginThrottle.key('giulia.verdi', '192.0.2.44');
    await a.recordFailure(key, Date.now());
    const keys = await raw.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/giulia|192\.0\.2/);
    for (const k of keys) {
      const ttl = await raw.pttl(k);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(options.windowMs);
    }
    await sleep(options.windowMs + 200);
    expect(await raw.keys(`${prefix}:*`)).toEqual([]);
  });

  it('forgets the failures on a successful login, for every instance', async () => {
    const key = LoginThrottle.key('anna.neri', '10.0.0.9');
    const now = Date.now();
    for (let i = 0; i < options.maxFailures; i++) await a.recordFailure(key, now + i);
    expect(await b.retryAfterMs(key, now + 5)).toBeGreaterThan(0);
    await b.recordSuccess(key);
    expect(await a.retryAfterMs(key, now + 6)).toBe(0);
  });

  it('counts in this process when Redis cannot be reached, so login neither locks everyone out nor runs unthrottled', async () => {
    const offline = new RedisLoginAttempts(`redis://127.0.0.1:${await closedPort()}`, prefix, options);
    try {
      const key = LoginThrottle.key('paolo.gialli', '10.0.0.10');
      const now = Date.now();
      expect(await offline.retryAfterMs(key, now)).toBe(0);
      for (let i = 0; i < options.maxFailures; i++) await offline.recordFailure(key, now + i);
      expect(await offline.retryAfterMs(key, now + 10)).toBe(options.windowMs - 10);
      await offline.recordSuccess(key);
      expect(await offline.retryAfterMs(key, now + 11)).toBe(0);
    } finally {
      await offline.onModuleDestroy();
    }
  });
});
