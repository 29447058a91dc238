import { CrlState, crlHealth, rebuildReason } from './crl-freshness';

const H = 3_600_000;
const D = 24 * H;
const now = new Date('2026-03-10T12:00:00Z');
const published = (over: Partial<CrlState> = {}): CrlState => ({
  crlNumber: 7,
  revision: 12,
  builtRevision: 12,
  caFingerprint: 'ca1',
  thisUpdate: new Date(now.getTime() - 2 * H).toISOString(),
  nextUpdate: new Date(now.getTime() + 7 * D - 2 * H).toISOString(),
  ...over,
});
const policy = (over: Partial<{ maxAgeMs: number; minRemainingMs: number; caFingerprint: string }> = {}) => ({
  caFingerprint: 'ca1',
  now,
  maxAgeMs: Number.POSITIVE_INFINITY,
  minRemainingMs: 0,
  ...over,
});

describe('when the CRL must be rebuilt', () => {
  it('first start: there is no CRL yet', () => {
    expect(rebuildReason(null, policy())).toBe('missing');
    expect(rebuildReason(published({ thisUpdate: null }), policy())).toBe('missing');
  });

  it('a revocation committed after the last build: rebuild, whatever its age', () => {
    expect(rebuildReason(published({ revision: 13 }), policy())).toBe('revocations');
  });

  it('nothing changed and the CRL is two hours old: revocation-triggered rebuilds skip, the 6-hourly schedule (1 h minimum age) refreshes', () => {
    expect(rebuildReason(published(), policy())).toBeNull();
    expect(rebuildReason(published(), policy({ maxAgeMs: H }))).toBe('aged');
    expect(rebuildReason(published(), policy({ maxAgeMs: 6 * H }))).toBeNull();
  });

  it('the schedule stopped for days: less than the alert margin remains, rebuild at once', () => {
    const old = published({ thisUpdate: new Date(now.getTime() - 6 * D).toISOString(), nextUpdate: new Date(now.getTime() + D).toISOString() });
    expect(rebuildReason(old, policy({ minRemainingMs: 2 * D }))).toBe('expiring');
  });

  it('the CA was replaced (import): the old CRL is signed by the wrong key', () => {
    expect(rebuildReason(published(), policy({ caFingerprint: 'ca2' }))).toBe('ca-changed');
  });
});

describe('CRL health for the RTD dashboard', () => {
  it('age and time left in seconds, alert inside the margin or past nextUpdate', () => {
    const fresh = crlHealth(new Date(now.getTime() - H).toISOString(), new Date(now.getTime() + 7 * D - H).toISOString(), now, 2 * D);
    expect(fresh).toEqual({ ageSeconds: 3600, secondsToNextUpdate: (7 * D - H) / 1000, alert: false });
    expect(crlHealth(now.toISOString(), new Date(now.getTime() + D).toISOString(), now, 2 * D).alert).toBe(true);
    const expired = crlHealth(new Date(now.getTime() - 8 * D).toISOString(), new Date(now.getTime() - D).toISOString(), now, 2 * D);
    expect(expired.secondsToNextUpdate).toBe(-86_400);
    expect(expired.alert).toBe(true);
  });
});
