import { generateToken, hashToken, looksLikeToken, sameHash, tokenRefusal } from './token';

describe('API tokens', () => {
  it('are long random values, different each time, stored only as a hash', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).not.toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(40);
    expect(looksLikeToken(a)).toBe(true);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).not.toContain(a);
    expect(sameHash(hashToken(a), hashToken(a))).toBe(true);
    expect(sameHash(hashToken(a), hashToken(b))).toBe(false);
  });

  it('are refused when revoked or past their expiry', () => {
    const now = '2026-01-01T10:00:00.000Z';
    expect(tokenRefusal({ revokedAt: null, expiresAt: null }, now)).toBeNull();
    expect(tokenRefusal({ revokedAt: '2025-12-31T00:00:00.000Z', expiresAt: null }, now)).toBe('TOKEN_REVOKED');
    expect(tokenRefusal({ revokedAt: null, expiresAt: '2026-01-01T09:59:59.999Z' }, now)).toBe('TOKEN_EXPIRED');
    expect(tokenRefusal({ revokedAt: null, expiresAt: '2026-01-01T10:00:00.001Z' }, now)).toBeNull();
  });

  it('rejects values that cannot be tokens before any lookup', () => {
    expect(looksLikeToken('short')).toBe(false);
    expect(looksLikeToken('x'.repeat(30) + ' space')).toBe(false);
  });
});
