import { isRenewalDue, isSupersedeDue, renewalHorizon, supersedeAt } from './renewal';

const policy = { renewBeforeDays: 30, supersedeGraceDays: 7 };
const now = new Date('2026-03-10T01:40:00.000Z');

describe('renewal: a new certificate for the same key 30 days before expiry, the old one superseded after a grace period', () => {
  it('renews an active or installed account whose certificate expires within 30 days', () => {
    expect(renewalHorizon(now, policy)).toBe('2026-04-09T01:40:00.000Z');
    expect(isRenewalDue('active', '2026-04-01T00:00:00.000Z', null, now, policy)).toBe(true);
    expect(isRenewalDue('installed', '2026-04-09T01:40:00.000Z', null, now, policy)).toBe(true);
    expect(isRenewalDue('active', '2026-04-09T01:40:01.000Z', null, now, policy)).toBe(false);
  });

  it('leaves alone accounts not in use, and an account already renewed whose old certificate is in its grace period', () => {
    expect(isRenewalDue('issued', '2026-03-20T00:00:00.000Z', null, now, policy)).toBe(false);
    expect(isRenewalDue('suspended', '2026-03-20T00:00:00.000Z', null, now, policy)).toBe(false);
    expect(isRenewalDue('active', '2026-03-20T00:00:00.000Z', 'abc123', now, policy)).toBe(false);
    expect(isRenewalDue('active', null, null, now, policy)).toBe(false);
  });

  it('supersedes the old certificate once the grace period has passed, not before', () => {
    const after = supersedeAt(now, policy);
    expect(after).toBe('2026-03-17T01:40:00.000Z');
    expect(isSupersedeDue(after, new Date('2026-03-17T01:39:59.000Z'))).toBe(false);
    expect(isSupersedeDue(after, new Date('2026-03-17T01:40:00.000Z'))).toBe(true);
    expect(isSupersedeDue(null, now)).toBe(false);
  });
});
