import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CertificateStatus, HoldOwner } from './domain/revocation';

export type CertificateKind = 'station' | 'server';
export type KeyOrigin = 'csr' | 'generated';

/** An issued certificate. The private key is never here: it stays on the laptop (CSR) or was handed over once. */
@Entity('certificates')
export class CertificateEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  /** Canonical serial: lowercase hex without leading zeros. */
  @Column('varchar') serial: string;
  @Column('varchar') kind: CertificateKind;
  @Column('varchar', { name: 'subject_cn' }) subjectCn: string;
  @Column('varchar', { name: 'asset_tag', nullable: true }) assetTag: string | null;
  /** Plain references (inventory asset, employee, VPN account): no foreign keys across features. */
  @Column('varchar', { name: 'station_asset_id', nullable: true }) stationAssetId: string | null;
  @Column('varchar', { name: 'employee_id', nullable: true }) employeeId: string | null;
  @Column('varchar', { name: 'vpn_account_id', nullable: true }) vpnAccountId: string | null;
  @Column('varchar', { name: 'key_origin' }) keyOrigin: KeyOrigin;
  /** SHA-256 fingerprint of the CA certificate that signed it. */
  @Column('varchar', { name: 'issuer_fingerprint' }) issuerFingerprint: string;
  @Column('varchar', { name: 'not_before' }) notBefore: string;
  @Column('varchar', { name: 'not_after' }) notAfter: string;
  @Column('varchar') status: CertificateStatus;
  @Column('varchar', { name: 'revoked_at', nullable: true }) revokedAt: string | null;
  @Column('varchar', { name: 'revocation_reason', nullable: true }) revocationReason: string | null;
  /** Who placed the current hold (on_hold only), and so who may lift it: see HOLD_OWNERS. */
  @Column('varchar', { name: 'hold_owner', nullable: true }) holdOwner: HoldOwner | null;
  /** Serial of the certificate that replaced this one (renewal). */
  @Column('varchar', { name: 'superseded_by', nullable: true }) supersededBy: string | null;
  @Column('text') pem: string;
  @Column('varchar', { name: 'fingerprint_sha256' }) fingerprintSha256: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
}
