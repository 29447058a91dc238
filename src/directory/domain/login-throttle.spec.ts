import { LOGIN_LIMITS, LoginThrottle, loginName } from './login-throttle';

describe('login throttle', () => {
  it('refuses after 10 failures in 5 minutes for one username and address, until the window slides', () => {
    const t = new LoginThrottle();
    const key = LoginThrottle.key(' MRossi ', '10.0.0.1');
    expect(key).toBe('name:mrossi|10.0.0.1');
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

  it('counts every spelling the directory takes for one name as that name', () => {
    for (const spelling of ['alice', 'ALICE', ' Alice ', 'ａlice', 'ＡＬＩＣＥ', 'ali\u200bce', '\u3000alice']) expect(loginName(spelling)).toBe('alice');
    expect(LoginThrottle.key('ａlice', '10.0.0.1')).toBe(LoginThrottle.key('alice', '10.0.0.1'));
    expect(loginName('Straße')).toBe(loginName('STRASSE'));
  });

  it('keeps a count per directory entry and a wider one per address, each with its own limit', () => {
    const t = new LoginThrottle();
    const entry = LoginThrottle.forEntry('0F9A1B2C-0000-4000-8000-000000000001', '10.0.0.1');
    expect(entry).toEqual({ key: 'entry:0f9a1b2c-0000-4000-8000-000000000001|10.0.0.1', maxFailures: LOGIN_LIMITS.perAccount });
    const address = LoginThrottle.forAddress('10.0.0.1');
    expect(address.maxFailures).toBe(50);
    // 49 failures for 49 different names: each name is far from its limit, the address is one short of its own
    for (let i = 0; i < 49; i++) {
      const name = LoginThrottle.forName(`user${i}`, '10.0.0.1');
      t.recordFailure(name.key, 1000, name.maxFailures);
      t.recordFailure(address.key, 1000, address.maxFailures);
    }
    expect(t.retryAfterMs(address.key, 2000, address.maxFailures)).toBe(0);
    t.recordFailure(address.key, 1000, address.maxFailures);
    expect(t.retryAfterMs(address.key, 2000, address.maxFailures)).toBe(1000 + LOGIN_LIMITS.windowMs - 2000);
    expect(t.retryAfterMs(LoginThrottle.forAddress('10.0.0.2').key, 2000, 50)).toBe(0);
  });
});
