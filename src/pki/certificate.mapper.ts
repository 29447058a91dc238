import { CertificateEntity, CertificateKind, KeyOrigin } from './certificate.entity';
import { CertificateStatus, HoldOwner } from './domain/revocation';

/** What the PKI tells other features and the API about a certificate (never the entity itself). */
export interface CertificateView {
  serial: string;
  kind: CertificateKind;
  subjectCn: string;
  assetTag: string | null;
  stationAssetId: string | null;
  employeeId: string | null;
  vpnAccountId: string | null;
  keyOrigin: KeyOrigin;
  notBefore: string;
  notAfter: string;
  status: CertificateStatus;
  revokedAt: string | null;
  revocationReason: string | null;
  holdOwner: HoldOwner | null;
  supersededBy: string | null;
  fingerprintSha256: string;
  createdAt: string;
  certificatePem: string;
}

export function toCertificateView(row: CertificateEntity): CertificateView {
  return {
    serial: row.serial,
    kind: row.kind,
    subjectCn: row.subjectCn,
    assetTag: row.assetTag,
    stationAssetId: row.stationAssetId,
    employeeId: row.employeeId,
    vpnAccountId: row.vpnAccountId,
    keyOrigin: row.keyOrigin,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    status: row.status,
    revokedAt: row.revokedAt,
    revocationReason: row.revocationReason,
    holdOwner: row.holdOwner ?? null,
    supersededBy: row.supersededBy,
    fingerprintSha256: row.fingerprintSha256,
    createdAt: row.createdAt,
    certificatePem: row.pem,
  };
}
