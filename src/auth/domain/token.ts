import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'rwt_';

/** A new bearer token: 32 random bytes, base64url, with a prefix that secret scanners can recognise. */
export function generateToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return value.length >= 24 && value.length <= 200 && /^[\x21-\x7e]+$/.test(value);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TokenState {
  revokedAt: string | null;
  expiresAt: string | null;
}

export type TokenRefusal = 'TOKEN_REVOKED' | 'TOKEN_EXPIRED';

export function tokenRefusal(token: TokenState, nowIso: string): TokenRefusal | null {
  if (token.revokedAt) return 'TOKEN_REVOKED';
  if (token.expiresAt && token.expiresAt <= nowIso) return 'TOKEN_EXPIRED';
  return null;
}
