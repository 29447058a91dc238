import { TokenRefusal, TokenState, tokenRefusal } from './token';

/**
 * Browser sessions and the token they came from. A session records its parent: the API token it was opened
 * with, or the directory-login session the page exchanged for its cookie. The parent is always a root (a token
 * with no parent of its own), so one look-up decides: the session lives only while its parent does, never past
 * its parent's expiry, and exchanging a session for another extends nothing.
 */
export interface PresentedToken extends TokenState {
  id: string;
  kind: 'api' | 'session';
  subject: string | null;
  parentTokenId: string | null;
}

export interface SessionTerms {
  parentTokenId: string;
  subject: string;
  expiresAt: string;
}

/** Why a token (its parent included) may not be used now, or null. `parent` is undefined when the row is gone. */
export function sessionRefusal(token: TokenState & { parentTokenId: string | null }, parent: TokenState | undefined, nowIso: string): TokenRefusal | null {
  const own = tokenRefusal(token, nowIso);
  if (own || !token.parentTokenId) return own;
  if (!parent) return 'TOKEN_REVOKED';
  return tokenRefusal(parent, nowIso);
}

/**
 * The session a presented (and already accepted) token opens. From an API token: that token is the parent.
 * From a session: its parent and subject carry over (a session of a session of … is still one hop from the
 * root), and the new session ends no later than the presented one.
 */
export function sessionTerms(presented: PresentedToken, parent: TokenState | undefined, nowIso: string, ttlMinutes: number): SessionTerms {
  const ends = [new Date(Date.parse(nowIso) + ttlMinutes * 60_000).toISOString()];
  if (presented.expiresAt) ends.push(presented.expiresAt);
  if (parent?.expiresAt) ends.push(parent.expiresAt);
  const expiresAt = ends.sort()[0];
  if (presented.kind === 'api') return { parentTokenId: presented.id, subject: presented.subject ?? `token:${presented.id}`, expiresAt };
  return { parentTokenId: presented.parentTokenId ?? presented.id, subject: presented.subject ?? `token:${presented.id}`, expiresAt };
}

/** `employee:<id>` → { kind: 'employee', id }; a directory DN or anything without a `kind:` prefix → null. */
export function subjectKind(subject: string): { kind: string; id: string } | null {
  const match = /^([a-z]+):(.+)$/.exec(subject);
  return match ? { kind: match[1], id: match[2] } : null;
}
