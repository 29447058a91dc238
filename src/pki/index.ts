/**
 * The public face of the pki feature: all that other features (and the composition root) may import from it.
 * Everything else under src/pki/ is private (eslint-rules/feature-boundaries.js).
 */
export { CaStore } from './ca-store';
export { CertificateIssuer, PreparedCertificate, StationIssueInput } from './certificate-issuer.service';
export { CertificateQueries } from './certificate-queries.service';
export { CertificateEntity } from './certificate.entity';
export { CertificateView } from './certificate.mapper';
export { CrlService } from './crl.service';
export { crlHealth } from './domain/crl-freshness';
export { RevocationReason } from './domain/revocation';
export { pkiMigrations } from './migrations';
export { PkiSettings } from './pki-settings';
export { pkiEntities } from './pki.entities';
export { PkiModule } from './pki.module';
export { RevocationService } from './revocation.service';
