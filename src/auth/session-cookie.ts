import { parse, serialize } from 'cookie';
import type { Request } from 'express';

export const SESSION_COOKIE = 'rw_session';
/** Header a page script adds to every state-changing call; a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'x-rw-csrf';

export function sessionTokenFromCookie(request: Request): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return parse(header)[SESSION_COOKIE] ?? null;
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: maxAgeSeconds, secure });
}

export function clearedSessionCookie(secure: boolean): string {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 0, secure });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function needsCsrfHeader(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}
