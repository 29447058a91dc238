import { sessionRefusal, sessionTerms, subjectKind } from './session';

describe('browser sessions and their parent', () => {
  const now = '2026-01-01T10:00:00.000Z';
  const api = { id: 'api-1', kind: 'api' as const, subject: null, parentTokenId: null, revokedAt: null, expiresAt: null };

  it('lives only while its parent does', () => {
    const session = { revokedAt: null, expiresAt: '2026-01-01T18:00:00.000Z', parentTokenId: 'api-1' };
    expect(sessionRefusal(session, { revokedAt: null, expiresAt: null }, now)).toBeNull();
    expect(sessionRefusal(session, { revokedAt: '2026-01-01T09:00:00.000Z', expiresAt: null }, now)).toBe('TOKEN_REVOKED');
    expect(sessionRefusal(session, { revokedAt: null, expiresAt: '2026-01-01T09:59:00.000Z' }, now)).toBe('TOKEN_EXPIRED');
    // the parent row gone: as good as revoked
    expect(sessionRefusal(session, undefined, now)).toBe('TOKEN_REVOKED');
    // its own state first; a token without a parent is judged alone
    expect(sessionRefusal({ ...session, revokedAt: now }, { revokedAt: null, expiresAt: null }, now)).toBe('TOKEN_REVOKED');
    expect(sessionRefusal({ revokedAt: null, expiresAt: null, parentTokenId: null }, undefined, now)).toBeNull();
  });

  it('opened from an API token, has that token as parent and ends with it at the latest', () => {
    expect(sessionTerms(api, undefined, now, 480)).toEqual({ parentTokenId: 'api-1', subject: 'token:api-1', expiresAt: '2026-01-01T18:00:00.000Z' });
    const soon = { ...api, expiresAt: '2026-01-01T11:00:00.000Z' };
    expect(sessionTerms(soon, undefined, now, 480).expiresAt).toBe('2026-01-01T11:00:00.000Z');
  });

  it('opened from a session, keeps that session’s parent, subject and end: an exchange extends nothing', () => {
    const cookie = {
      id: 's-1',
      kind: 'session' as const,
      subject: 'token:api-1',
      parentTokenId: 'api-1',
      revokedAt: null,
      expiresAt: '2026-01-01T12:00:00.000Z',
    };
    expect(sessionTerms(cookie, { revokedAt: null, expiresAt: null }, '2026-01-01T11:59:00.000Z', 480)).toEqual({
      parentTokenId: 'api-1',
      subject: 'token:api-1',
      expiresAt: '2026-01-01T12:00:00.000Z',
    });
    // a directory-login session (no parent) becomes the parent of the cookie session made from it
    const login = {
      id: 'login-1',
      kind: 'session' as const,
      subject: 'employee:e-1',
      parentTokenId: null,
      revokedAt: null,
      expiresAt: '2026-01-01T17:00:00.000Z',
    };
    expect(sessionTerms(login, undefined, now, 480)).toEqual({ parentTokenId: 'login-1', subject: 'employee:e-1', expiresAt: '2026-01-01T17:00:00.000Z' });
    // the parent's own expiry bounds it too
    expect(sessionTerms(cookie, { revokedAt: null, expiresAt: '2026-01-01T10:30:00.000Z' }, now, 480).expiresAt).toBe('2026-01-01T10:30:00.000Z');
  });

  it('reads the kind of subject a token stands for', () => {
    expect(subjectKind('employee:0f0e6a4e-0000-4000-8000-000000000001')).toEqual({ kind: 'employee', id: '0f0e6a4e-0000-4000-8000-000000000001' });
    expect(subjectKind('token:abc')).toEqual({ kind: 'token', id: 'abc' });
    expect(subjectKind('uid=mrossi,ou=people,dc=comune,dc=it')).toBeNull();
    expect(subjectKind('CN=Rossi\\, Mario,OU=Users,DC=comune,DC=local')).toBeNull();
  });
});
