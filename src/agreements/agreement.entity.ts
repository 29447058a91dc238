import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AgreementSnapshot } from './domain/agreement-snapshot';
import { AgreementState } from './domain/agreement-state';
import { WithdrawalBasis, WithdrawalInitiator } from './domain/withdrawal.policy';

/** An individual remote-work agreement. `places` and `toolsProvided` are JSON arrays of strings. */
@Entity('agreements')
export class AgreementEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  @Column('varchar') state: AgreementState;
  @Column('varchar', { name: 'start_date' }) startDate: string;
  @Column('varchar', { name: 'end_date', nullable: true }) endDate: string | null;
  @Column('integer', { name: 'remote_days_per_week' }) remoteDaysPerWeek: number;
  @Column('text') places: string;
  @Column('varchar', { name: 'contact_band' }) contactBand: string;
  @Column('varchar', { name: 'non_operability_band' }) nonOperabilityBand: string;
  @Column('text', { name: 'right_to_disconnect' }) rightToDisconnect: string;
  @Column('text', { name: 'tools_provided' }) toolsProvided: string;
  @Column('text') objectives: string;
  @Column('text', { name: 'results_monitoring' }) resultsMonitoring: string;
  @Column('varchar', { name: 'safety_notice_delivered_on', nullable: true }) safetyNoticeDeliveredOn: string | null;
  @Column('varchar', { name: 'employee_signed_at', nullable: true }) employeeSignedAt: string | null;
  @Column('varchar', { name: 'employee_signer_id', nullable: true }) employeeSignerId: string | null;
  /** When the counterpart signature started to count (own login, or its confirmation); null while it awaits one. */
  @Column('varchar', { name: 'manager_signed_at', nullable: true }) managerSignedAt: string | null;
  /** The countersigner, set when the signature is recorded (even while it awaits confirmation). */
  @Column('varchar', { name: 'manager_signer_id', nullable: true }) managerSignerId: string | null;
  @Column('varchar', { name: 'document_sha256', nullable: true }) documentSha256: string | null;
  /** The two-person trail (domain/countersignature.policy.ts): actor ids, as the audit log names them. */
  @Column('varchar', { name: 'employee_signature_recorded_by', nullable: true }) employeeSignatureRecordedBy: string | null;
  @Column('varchar', { name: 'manager_signature_recorded_at', nullable: true }) managerSignatureRecordedAt: string | null;
  @Column('varchar', { name: 'manager_signature_recorded_by', nullable: true }) managerSignatureRecordedBy: string | null;
  /** Protocol number or archive reference of the signed paper, when the signature was recorded from it. */
  @Column('varchar', { name: 'manager_signature_reference', nullable: true }) managerSignatureReference: string | null;
  @Column('varchar', { name: 'manager_signature_confirmed_by', nullable: true }) managerSignatureConfirmedBy: string | null;
  @Column('varchar', { name: 'suspended_at', nullable: true }) suspendedAt: string | null;
  @Column('varchar', { name: 'suspension_reason', nullable: true }) suspensionReason: string | null;
  @Column('varchar', { name: 'withdrawal_initiated_by', nullable: true }) withdrawalInitiatedBy: WithdrawalInitiator | null;
  @Column('varchar', { name: 'withdrawal_notice_date', nullable: true }) withdrawalNoticeDate: string | null;
  @Column('varchar', { name: 'withdrawal_effective_date', nullable: true }) withdrawalEffectiveDate: string | null;
  @Column('boolean', { name: 'withdrawal_justified_cause', nullable: true }) withdrawalJustifiedCause: boolean | null;
  @Column('varchar', { name: 'withdrawal_reason', nullable: true }) withdrawalReason: string | null;
  @Column('varchar', { name: 'withdrawal_basis', nullable: true }) withdrawalBasis: WithdrawalBasis | null;
  @Column('integer', { name: 'withdrawal_notice_days', nullable: true }) withdrawalNoticeDays: number | null;
  /** First day the agreement was no longer in force, once withdrawn or expired. */
  @Column('varchar', { name: 'ended_on', nullable: true }) endedOn: string | null;
  @Column('varchar', { name: 'created_by' }) createdBy: string;
  @Column('varchar', { name: 'created_at' }) createdAt: string;
  @Column('varchar', { name: 'updated_at' }) updatedAt: string;
  @Column('integer') version: number;
}

export function toSnapshot(e: AgreementEntity): AgreementSnapshot {
  return {
    id: e.id,
    employeeId: e.employeeId,
    state: e.state,
    startDate: e.startDate,
    endDate: e.endDate,
    remoteDaysPerWeek: e.remoteDaysPerWeek,
    safetyNoticeDeliveredOn: e.safetyNoticeDeliveredOn,
    employeeSignedAt: e.employeeSignedAt,
    managerSignedAt: e.managerSignedAt,
    documentSha256: e.documentSha256,
    withdrawalEffectiveDate: e.withdrawalEffectiveDate,
  };
}
