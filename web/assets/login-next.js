// @ts-check
// Where the login page goes once signed in: the `next` it was given, only if that is a place on this origin.
// Resolved by the browser's own URL parser, as location.assign would: `//evil.example`, `/\evil.example`,
// `/%09/evil.example` (a tab, which the parser drops) and `https://evil.example` all leave the origin and
// fall back to the home page. The answer is absolute, so no later reading can turn it into `//host`.
/**
 * @param {string | null} next
 * @param {string} origin
 */
export function safeNext(next, origin) {
  const home = new URL('/ui', origin).href;
  if (typeof next !== 'string' || !next.startsWith('/')) return home;
  let url;
  try {
    url = new URL(next, origin);
  } catch {
    return home;
  }
  return url.origin === new URL(origin).origin ? url.href : home;
}
