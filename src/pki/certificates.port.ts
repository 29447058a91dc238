import { Actor } from '../common/auth/roles';
import { Tx } from '../database/unit-of-work';
import type { IssuedCertificate, StationIssueInput } from './certificate-issuer.service';
import type { CertificateKind, KeyOrigin } from './certificate.entity';
import type { CertificateView } from './certificate.mapper';
import type { StationKeyPackage } from './certificate-queries.service';
import type { CertificateHolder } from './certificate.repository';
import type { CrlHealth } from './domain/crl-freshness';
import type { CertificateStatus, HoldOwner, RevocationReason } from './domain/revocation';

export type { CertificateKind, KeyOrigin } from './certificate.entity';
export type { CertificateHolder, CertificateStatus, CertificateView, HoldOwner, IssuedCertificate, RevocationReason, StationIssueInput, StationKeyPackage };

/**
 * A station certificate built and signed but not yet recorded: the expensive, database-free half of issuance. Only
 * these facts are readable; it is handed out (with its secrets) by `record` inside the caller's unit of work.
 */
export interface PreparedCertificate {
  readonly serial: string;
  readonly notAfter: string;
  readonly keyOrigin: KeyOrigin;
  readonly certificatePem: string;
  /** The CA certificate and its chain, for profiles (inline <ca>). */
  readonly caChainPem: string;
}

/** What another feature may know of a certificate's standing (serial lookups, one or a page at a time). */
export interface CertificateStatusView {
  serial: string;
  status: CertificateStatus;
  revocationReason: string | null;
  /** Who placed the current hold (on_hold only). */
  holdOwner: HoldOwner | null;
}

/**
 * What a VPN gateway's connect-time check needs of a certificate: its standing and what it is bound to (the laptop
 * named in its SAN, the employee, the VPN account it was issued for). No PEM, no subject.
 */
export interface StationBinding {
  serial: string;
  kind: CertificateKind;
  status: CertificateStatus;
  notBefore: string;
  notAfter: string;
  stationAssetId: string | null;
  employeeId: string | null;
  vpnAccountId: string | null;
}

/** The published CRL's dates and health (for indicators and gauges). */
export interface CrlStatus extends CrlHealth {
  crlNumber: number;
  thisUpdate: string;
  nextUpdate: string;
}

/**
 * The PKI's one port for other features (VPN, inventory through jobs, KPI): issue station certificates, change
 * their status inside the caller's unit of work (so the caller's change, the certificate's, their audit events and
 * the CRL revision commit together), read their status, the CA chain and stored key packages, publish the CRL.
 * The PKI's tables are its own: nobody else reads `certificates`, `station_key_packages`, `pki_ca` or `pki_crl`.
 * Implemented in the PKI module (PkiCertificates).
 */
export abstract class Certificates {
  /**
   * Checks the CSR (or makes the key), builds and signs: no database, so run it before the unit. CSR_MALFORMED,
   * CSR_SIGNATURE_INVALID, CSR_KEY_TOO_WEAK, CSR_KEY_UNSUPPORTED, CSR_SUBJECT_MISMATCH; PKI_NOT_READY.
   */
  abstract prepareStation(input: StationIssueInput): Promise<PreparedCertificate>;

  /** Records a prepared certificate and its audit event in the caller's unit (CA_CHANGED if the CA was replaced meanwhile). */
  abstract record(tx: Tx, prepared: PreparedCertificate, actor: Actor): Promise<IssuedCertificate>;

  /** Bulk onboarding: many prepared certificates in one statement, each with its own audit event. */
  abstract recordMany(tx: Tx, prepared: PreparedCertificate[], actor: Actor): Promise<IssuedCertificate[]>;

  /** One certificate with its PEM (NotFound for an unknown serial). */
  abstract get(serial: string): Promise<CertificateView>;

  /** The status of a serial as the PKI records it, read inside the caller's unit when given; null for an unknown serial. */
  abstract status(serial: string, tx?: Tx): Promise<CertificateStatusView | null>;

  /** The status of several serials in one query (a page of accounts); unknown serials are absent from the map. */
  abstract statuses(serials: readonly string[], tx?: Tx): Promise<Map<string, CertificateStatusView>>;

  /** Standing and bindings of several serials in canonical form (one query per 500); unknown serials are absent. */
  abstract stationBindings(serials: readonly string[], tx?: Tx): Promise<Map<string, StationBinding>>;

  /** Revokes for good (any reason but certificateHold) inside the caller's unit. */
  abstract revoke(
    tx: Tx,
    serial: string,
    reason: Exclude<RevocationReason, 'certificateHold'>,
    actor: Actor,
    options?: { supersededBy?: string },
  ): Promise<CertificateView>;

  /**
   * certificateHold inside the caller's unit, recording who owns the hold: a `vpn-account` hold (an account's
   * suspension) is lifted only by `releaseHold(…, 'vpn-account')`; the certificates API refuses it.
   */
  abstract hold(tx: Tx, serial: string, actor: Actor, owner: HoldOwner): Promise<CertificateView>;

  /** Lifts a hold inside the caller's unit; `by`: who lifts it (CERTIFICATE_HOLD_OWNED_BY_ACCOUNT when not the owner). */
  abstract releaseHold(tx: Tx, serial: string, actor: Actor, by: HoldOwner): Promise<CertificateView>;

  /** Revokes (or holds) every certificate of a laptop, an account or a person that still lets someone in; the serials changed. */
  abstract revokeAllFor(tx: Tx, holder: CertificateHolder, reason: RevocationReason, actor: Actor): Promise<string[]>;

  /** The CA certificate followed by its chain: what profiles trust. */
  abstract caChainPem(): Promise<string>;

  /** The stored, password-protected key of a generated station certificate (never a key in clear); null when none is kept. */
  abstract keyPackage(serial: string): Promise<StationKeyPackage | null>;

  /**
   * After a committed status change: publish the CRL now, never failing the caller (a rebuild job was queued with
   * the change). `after` names the change for the log.
   */
  abstract publish(after: string): Promise<void>;

  /** The published CRL's health at `at` (default now); null before the first CRL. */
  abstract crlStatus(at?: Date): Promise<CrlStatus | null>;

  /** The current CRL (PEM), as GET /pki/crl.pem serves it (built when none is current): what a gateway bundle carries. */
  abstract crlPem(): Promise<{ pem: string; crlNumber: number }>;
}
