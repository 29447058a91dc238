import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccountState, SuspensionCause } from './domain/account-lifecycle';

/**
 * A VPN account of one employee for one profile. No secret is ever stored here: the certificate lives in the PKI
 * (by serial), the private key on the laptop. Plain references to other features (employee, asset, certificate):
 * no foreign keys across features.
 */
@Entity('vpn_accounts')
export class VpnAccountEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  /** The employee's directory username: the certificate's CN and the VPN login. */
  @Column('varchar') username: string;
  @Column('varchar') profile: string;
  @Column('varchar', { name: 'gateway_id', nullable: true }) gatewayId: string | null;
  @Column('varchar') state: AccountState;
  /** Remote days per week of the agreement in force at the last gated step: the expected load is this / 5. */
  @Column('integer', { name: 'remote_days_per_week', nullable: true }) remoteDaysPerWeek: number | null;
  @Column('varchar', { name: 'agreement_id', nullable: true }) agreementId: string | null;
  @Column('varchar', { name: 'station_asset_id', nullable: true }) stationAssetId: string | null;
  @Column('varchar', { name: 'station_asset_tag', nullable: true }) stationAssetTag: string | null;
  @Column('varchar', { name: 'current_serial', nullable: true }) currentSerial: string | null;
  @Column('varchar', { name: 'certificate_not_after', nullable: true }) certificateNotAfter: string | null;
  @Column('varchar', { name: 'key_origin', nullable: true }) keyOrigin: 'csr' | 'generated' | null;
  /** The certificate a renewal replaced: revoked as superseded once `supersedeAfter` has passed. */
  @Column('varchar', { name: 'superseded_serial', nullable: true }) supersededSerial: string | null;
  @Column('varchar', { name: 'supersede_after', nullable: true }) supersedeAfter: string | null;
  @Column('varchar', { name: 'suspended_from', nullable: true }) suspendedFrom: AccountState | null;
  @Column('varchar', { name: 'suspension_reason', nullable: true }) suspensionReason: string | null;
  /** Why it is suspended (see SUSPENSION_CAUSES); the agreement whose suspension stopped it, for `agreement`. */
  @Column('varchar', { name: 'suspension_cause', nullable: true }) suspensionCause: SuspensionCause | null;
  @Column('varchar', { name: 'suspension_agreement_id', nullable: true }) suspensionAgreementId: string | null;
  @Column('varchar', { name: 'revocation_reason', nullable: true }) revocationReason: string | null;
  /** Why the last certificate stopped working outside the account's own flows (e.g. keyCompromise: stolen laptop). */
  @Column('varchar', { name: 'certificate_lost_reason', nullable: true }) certificateLostReason: string | null;
  @Column('varchar', { name: 'certificate_lost_at', nullable: true }) certificateLostAt: string | null;
  @Column('varchar', { name: 'requested_at' }) requestedAt: string;
  @Column('varchar', { name: 'approved_at', nullable: true }) approvedAt: string | null;
  @Column('varchar', { name: 'issued_at', nullable: true }) issuedAt: string | null;
  @Column('varchar', { name: 'installed_at', nullable: true }) installedAt: string | null;
  @Column('varchar', { name: 'activated_at', nullable: true }) activatedAt: string | null;
  @Column('varchar', { name: 'suspended_at', nullable: true }) suspendedAt: string | null;
  @Column('varchar', { name: 'resumed_at', nullable: true }) resumedAt: string | null;
  @Column('varchar', { name: 'revoked_at', nullable: true }) revokedAt: string | null;
  @Column('varchar', { name: 'renewed_at', nullable: true }) renewedAt: string | null;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}

/**
 * A new account row as `requested` leaves it (no gateway, station, certificate or later step yet); `changes` sets
 * what a path that goes further in one unit already knows (bulk onboarding: placed, issued, maybe active).
 */
export function newVpnAccount(
  fields: Pick<VpnAccountEntity, 'id' | 'employeeId' | 'username' | 'profile' | 'createdBy'>,
  now: string,
  changes: Partial<VpnAccountEntity> = {},
): VpnAccountEntity {
  return {
    ...fields,
    gatewayId: null,
    state: 'requested',
    remoteDaysPerWeek: null,
    agreementId: null,
    stationAssetId: null,
    stationAssetTag: null,
    currentSerial: null,
    certificateNotAfter: null,
    keyOrigin: null,
    supersededSerial: null,
    supersedeAfter: null,
    suspendedFrom: null,
    suspensionReason: null,
    suspensionCause: null,
    suspensionAgreementId: null,
    revocationReason: null,
    certificateLostReason: null,
    certificateLostAt: null,
    requestedAt: now,
    approvedAt: null,
    issuedAt: null,
    installedAt: null,
    activatedAt: null,
    suspendedAt: null,
    resumedAt: null,
    revokedAt: null,
    renewedAt: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...changes,
  };
}
