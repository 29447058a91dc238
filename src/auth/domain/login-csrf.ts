/**
 * Login CSRF: a page on another site can make the victim's browser POST a form (urlencoded, multipart or
 * text/plain, the only bodies a cross-site form or a no-cors fetch can send) to a login route and so sign the
 * victim in as the attacker. A JSON body, or the CSRF header the pages add, can only come from a same-origin
 * script: either needs a CORS preflight, which this service never grants.
 */
export function loginRequestMayBeCrossSite(contentType: string | undefined, csrfHeader: string | string[] | undefined): boolean {
  if (csrfHeader === '1') return false;
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mediaType !== 'application/json';
}
