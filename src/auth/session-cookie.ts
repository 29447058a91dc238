import { parse, serialize } from 'cookie';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config';

export const SESSION_COOKIE = 'rw_session';
/** Header a page script adds to every state-changing call; a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'x-rw-csrf';

export function sessionTokenFromCookie(request: Request): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  return parse(header)[SESSION_COOKIE] ?? null;
}

/**
 * Whether the session cookie carries `Secure`: set SESSION_COOKIE_SECURE to decide; by default it is Secure when
 * the service is served over https (PUBLIC_BASE_URL https://, so a cookie never leaks over a plain-HTTP hop),
 * and otherwise only when this request itself arrived over https. Never on a plain-HTTP intranet address,
 * where the browser would refuse to store it.
 */
export function sessionCookieSecure(config: AppConfig, request: Request): boolean {
  return config.env.SESSION_COOKIE_SECURE ?? (config.servedOverHttps || request.secure);
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
