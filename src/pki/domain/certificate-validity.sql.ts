/**
 * SQL twin of `wasValid` (certificate-validity.ts) for the indicators (kpi), which count without loading rows: the
 * certificates valid at :at (column `not_after`; `expiresBy` is `not_after <= :until` over these). Instants are ISO
 * strings on SQLite and PostgreSQL alike.
 */
export function validCertificatesSql(at: string): string {
  return `SELECT c.not_after AS not_after
            FROM certificates c
           WHERE c.created_at < :${at} AND c.not_after > :${at} AND (c.revoked_at IS NULL OR c.revoked_at >= :${at})`;
}
