import { LoginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('refuses after 10 failures in 5 minutes for one username and address, until the window slides', () => {
    const t = new LoginThrottle();
    const key = LoginThrottle.key(' MRossi ', '10.0.0.1');
    expect(key).toBe('mrossi|10.0.0.1');
    for (let i = 0; i < 10; i++) {
      expect(t.retryAfterMs(key, 1000 + i)).toBe(0);
      t.recordFailure(key, 1000 + i);
    }
    expect(t.retryAfterMs(key, 2000)).toBe(1000 + 300_000 - 2000);
    expect(t.retryAfterMs(LoginThrottle.key('mrossi', '10.0.0.2'), 2000)).toBe(0);
    expect(t.retryAfterMs(key, 1000 + 300_001)).toBe(0);
  });
  it('forgets failures after a success and stays bounded in size', () => {
    const t = new LoginThrottle({ maxFailures: 2, windowMs: 1000, maxKeys: 3 });
    t.recordFailure('a', 0);
    t.recordFailure('a', 1);
    expect(t.retryAfterMs('a', 2)).toBeGreaterThan(0);
    t.recordSuccess('a');
    expect(t.retryAfterMs('a', 2)).toBe(0);
    for (let i = 0; i < 10; i++) t.recordFailure(`k${i}`, 5);
    expect(t.size).toBeLessThanOrEqual(3);
  });
});
