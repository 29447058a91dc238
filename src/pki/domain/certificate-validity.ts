/**
 * A certificate valid at an instant, as the indicators count it: issued (recorded) before it, not expired, and not
 * revoked (or held) by then. From the dates, so a past instant is answered as it stood then, whatever the status
 * is today. certificate-validity.sql.ts is the SQL twin, held to this by
 * test/integration/pki/certificate-validity-sql.spec.ts.
 */
export interface CertificateValidityFacts {
  createdAt: string;
  notAfter: string;
  revokedAt: string | null;
}

export function wasValid(c: CertificateValidityFacts, at: string): boolean {
  return c.createdAt < at && c.notAfter > at && (c.revokedAt === null || c.revokedAt >= at);
}

/** Valid at `at` and ending by `until` (the indicators' "expiring within 30 days"). */
export function expiresBy(c: CertificateValidityFacts, at: string, until: string): boolean {
  return wasValid(c, at) && c.notAfter <= until;
}
