/**
 * The public face of the pki feature: all that other features (and the composition root) may import from it.
 * Everything else under src/pki/ is private (eslint-rules/feature-boundaries.js). Other features use the one
 * certificates port; inventory hands work over through the `pki.*` jobs.
 */
export { Certificates } from './certificates.port';
export type {
  CertificateHolder,
  CertificateKind,
  CertificateStatusView,
  CertificateStatus,
  CertificateView,
  CrlStatus,
  HoldOwner,
  IssuedCertificate,
  KeyOrigin,
  PreparedCertificate,
  RevocationReason,
  StationIssueInput,
  StationBinding,
  StationKeyPackage,
} from './certificates.port';
export { SigningKeys } from './signing-keys.port';
export type { SigningKeyPurpose } from './signing-keys.port';
export { parseSerial } from './serial-input';
export { validCertificatesSql } from './domain/certificate-validity.sql';
export { pkiMigrations } from './migrations';
export type { StationCompromisedJob, StationReturnedJob } from './pki-jobs';
export { pkiEntities } from './pki.entities';
export { PkiModule } from './pki.module';
export { PKI_ERRORS, PkiErrorCode } from './pki.errors';
