import { ApiProperty } from '@nestjs/swagger';
import { AGREEMENT_STATES } from '../domain/agreement-state';
import { GATE_REFUSALS } from '../domain/gate-refusals';

export class SignatureDto {
  @ApiProperty() signerEmployeeId: string;
  @ApiProperty() signedAt: string;
}

export class SignaturesDto {
  @ApiProperty({ type: SignatureDto, nullable: true }) employee: SignatureDto | null;
  @ApiProperty({ type: SignatureDto, nullable: true }) manager: SignatureDto | null;
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

export class SuspensionDto {
  @ApiProperty() suspendedAt: string;
  @ApiProperty() reason: string;
}

export class AgreementDto {
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
  @ApiProperty({ type: SuspensionDto, nullable: true }) suspension: SuspensionDto | null;
  @ApiProperty({ type: WithdrawalDto, nullable: true }) withdrawal: WithdrawalDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'first day no longer in force, once withdrawn or expired' }) endedOn: string | null;
  @ApiProperty({ description: 'in force today (municipality time zone)' }) inForceToday: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'increases with every change' }) version: number;
}

export class AgreementListDto {
  @ApiProperty({ type: [AgreementDto] }) items: AgreementDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
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
