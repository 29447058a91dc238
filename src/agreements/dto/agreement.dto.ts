import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_STATES } from '../domain/agreement-state';
import { GATE_REFUSALS } from '../domain/gate-refusals';
import { NEXT_CURSOR_DOC } from '../../common/http/page.dto';

export class SignatureDto {
  @ApiProperty() signerEmployeeId: string;
  @ApiProperty() signedAt: string;
}

export class CountersignatureDto {
  @ApiProperty({ enum: ['awaiting_confirmation', 'confirmed'], description: 'confirmed: the counterpart signature counts' }) status:
    'awaiting_confirmation' | 'confirmed';
  @ApiProperty() signerEmployeeId: string;
  @ApiProperty({ nullable: true, type: String, description: 'when it was recorded (null on agreements signed before the record was kept)' }) recordedAt:
    string | null;
  @ApiProperty({ nullable: true, type: String, description: 'actor id of who recorded it (token:<id>, employee:<id>…)' }) recordedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'reference of the signed paper it was recorded from' }) documentReference: string | null;
  @ApiProperty({ nullable: true, type: String, description: "actor id of who vouched for it: the countersigner's own login or the confirmer" }) confirmedBy:
    string | null;
}

export class SignaturesDto {
  @ApiProperty({ type: SignatureDto, nullable: true }) employee: SignatureDto | null;
  @ApiProperty({ type: SignatureDto, nullable: true, description: 'the counterpart signature once it counts (confirmed); null while it awaits confirmation' })
  manager: SignatureDto | null;
  @ApiProperty({
    type: CountersignatureDto,
    nullable: true,
    description: 'how the counterpart signature was given: recorded, awaiting confirmation or confirmed',
  })
  countersignature: CountersignatureDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the signed document' }) documentSha256: string | null;
}

export class SafetyNoticeStatusDto {
  @ApiProperty({ nullable: true, type: String }) deliveredOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'first day the notice no longer counts (12 months)' }) expiresOn: string | null;
  @ApiProperty({ enum: ['valid', 'missing', 'expired'], description: 'as of today' }) status: string;
}

export class WithdrawalDto {
  @ApiProperty({ enum: ['employer', 'employee'] }) initiatedBy: string;
  @ApiProperty() noticeDate: string;
  @ApiProperty({ description: 'first day no longer in force' }) effectiveDate: string;
  @ApiProperty() justifiedCause: boolean;
  @ApiProperty({ enum: ['justified_cause', 'notice_30_days', 'notice_90_days_disabled_worker'] }) basis: string;
  @ApiProperty() noticeDays: number;
  @ApiProperty() reason: string;
}

/** A suspension as every reader sees it: since when. Its reason is free text HR wrote (it may concern health). */
export class SuspensionNoticeDto {
  @ApiProperty() suspendedAt: string;
}

export class SuspensionDto extends SuspensionNoticeDto {
  @ApiProperty() reason: string;
}

/** What every reader of an agreement sees (the two response types add the rest). */
abstract class AgreementFields {
  @ApiProperty() id: string;
  @ApiProperty() employeeId: string;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: string;
  @ApiProperty() startDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty() indefinite: boolean;
  @ApiProperty() remoteDaysPerWeek: number;
  @ApiProperty({ type: [String] }) places: string[];
  @ApiProperty() contactBand: string;
  @ApiProperty() nonOperabilityBand: string;
  @ApiProperty() rightToDisconnect: string;
  @ApiProperty({ type: [String] }) toolsProvided: string[];
  @ApiProperty() objectives: string;
  @ApiProperty() resultsMonitoring: string;
  @ApiProperty({ type: SafetyNoticeStatusDto }) safetyNotice: SafetyNoticeStatusDto;
  @ApiProperty({ type: SignaturesDto }) signatures: SignaturesDto;
  @ApiProperty({ nullable: true, type: String, description: 'first day no longer in force, once withdrawn or expired' }) endedOn: string | null;
  @ApiProperty({ description: 'in force today (municipality time zone)' }) inForceToday: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'increases with every change' }) version: number;
}

/**
 * An agreement as technicians, the hot-line and managers read it: no special-category data (GDPR art. 9). The
 * withdrawal is left out whole — its basis, its length and, while pending, its effective date would tell a
 * disabled worker (90 days' notice) from anyone else (30) — and so is every free-text reason. `endedOn` is
 * set once the agreement has ended. HR and admins read AgreementHrDto (src/common/auth/special-category.ts).
 */
export class AgreementDto extends AgreementFields {
  @ApiProperty({ type: SuspensionNoticeDto, nullable: true }) suspension: SuspensionNoticeDto | null;
}

/** The agreement as HR and admins read it: with the suspension's reason and the withdrawal, basis and notice included. */
export class AgreementHrDto extends AgreementFields {
  @ApiProperty({ type: SuspensionDto, nullable: true }) suspension: SuspensionDto | null;
  @ApiProperty({ type: WithdrawalDto, nullable: true, description: 'special-category data: the basis tells a disabled worker' })
  withdrawal: WithdrawalDto | null;
}

export class AgreementListDto {
  @ApiProperty({ type: [AgreementDto] }) items: AgreementDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

export class AgreementHrListDto {
  @ApiProperty({ type: [AgreementHrDto] }) items: AgreementHrDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

export class SweepReportDto {
  @ApiProperty() date: string;
  @ApiProperty() activated: number;
  @ApiProperty() expired: number;
  @ApiProperty() withdrawn: number;
  @ApiProperty({ description: 'offboarding jobs recorded (agreement ended, no other in force)' }) offboardingTriggered: number;
}

export class GateRefusalDto {
  @ApiProperty({ enum: GATE_REFUSALS }) code: string;
  @ApiProperty({ description: 'plain-words explanation in Italian' }) explanation: string;
}

export class ProvisioningStatusDto {
  @ApiProperty() employeeId: string;
  @ApiProperty() date: string;
  @ApiProperty() allowed: boolean;
  @ApiProperty({ enum: GATE_REFUSALS, isArray: true }) codes: string[];
  @ApiProperty({ type: [GateRefusalDto] }) refusals: GateRefusalDto[];
  @ApiProperty({ nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ description: 'one-line summary in Italian' }) summary: string;
}
