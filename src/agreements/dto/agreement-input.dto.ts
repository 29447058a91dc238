import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from '../../common/http/page.dto';
import { AGREEMENT_STATES, AgreementState } from '../domain/agreement-state';
import { IsCalendarDate } from './calendar-date.validator';

const BAND = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;
const BAND_MESSAGE = '$property must be HH:MM-HH:MM';

/** The terms shared by create and update. */
class AgreementTermsDto {
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() startDate: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'omit or null: indefinite (a tempo indeterminato)' })
  @IsOptional()
  @IsCalendarDate()
  endDate?: string | null;
  @ApiProperty({ minimum: 1, maximum: 5, description: 'managers: at most 1' }) @IsInt() @Min(1) @Max(5) remoteDaysPerWeek: number;
  @ApiProperty({ type: [String], example: ['domicilio', 'sede di via Roma'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  places: string[];
  @ApiProperty({ example: '09:30-12:30', description: 'fascia di contattabilità' }) @IsString() @Matches(BAND, { message: BAND_MESSAGE }) contactBand: string;
  @ApiProperty({ example: '20:00-07:30', description: 'fascia di inoperabilità (may run past midnight)' })
  @IsString()
  @Matches(BAND, { message: BAND_MESSAGE })
  nonOperabilityBand: string;
  @ApiProperty({ description: 'how the right to disconnect is guaranteed' }) @IsString() @Length(1, 2000) rightToDisconnect: string;
  @ApiProperty({ type: [String], example: ['notebook', 'router 4G'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  toolsProvided: string[];
  @ApiProperty({ description: 'objectives of the remote work' }) @IsString() @Length(1, 4000) objectives: string;
  @ApiProperty({ description: 'how results are monitored' }) @IsString() @Length(1, 4000) resultsMonitoring: string;
  @ApiPropertyOptional({ description: 'delivery date of the safety notice (informativa), if already delivered' })
  @IsOptional()
  @IsCalendarDate()
  safetyNoticeDeliveredOn?: string;
}

export class CreateAgreementDto extends AgreementTermsDto {
  @ApiProperty() @IsUUID('4') employeeId: string;
}

/** Draft only, and before anyone signed. `endDate: null` makes the agreement indefinite. */
export class UpdateAgreementDto {
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() startDate?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @ValidateIf((_o, v) => v !== undefined && v !== null) @IsCalendarDate() endDate?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(5) remoteDaysPerWeek?: number;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  places?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(BAND, { message: BAND_MESSAGE }) contactBand?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(BAND, { message: BAND_MESSAGE }) nonOperabilityBand?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) rightToDisconnect?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  toolsProvided?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) objectives?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 4000) resultsMonitoring?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() safetyNoticeDeliveredOn?: string;
}

export class SignAgreementDto {
  @ApiProperty({ enum: ['employee', 'manager'] }) @IsIn(['employee', 'manager']) party: 'employee' | 'manager';
  @ApiProperty({ description: 'the employee who signs (the employee, or their manager / the Direttore Generale)' }) @IsUUID('4') signerEmployeeId: string;
  @ApiProperty({ description: 'SHA-256 (64 hex) of the signed document; both signatures must carry the same' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'documentSha256 must be 64 hexadecimal characters' })
  documentSha256: string;
  @ApiPropertyOptional({
    description:
      'protocol number or archive reference of the signed paper document. Required for a counterpart (manager) signature ' +
      "recorded by anyone but the countersigner's own directory login: such a signature awaits a second person's confirmation",
    example: 'prot. 2026/0001234',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  documentReference?: string;
}

export class ConfirmCountersignatureDto {
  @ApiPropertyOptional({ description: 'what was checked (e.g. "scansione verificata con l\'originale")' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class RejectCountersignatureDto {
  @ApiProperty({ description: 'why the recorded counterpart signature is set aside (wrong scan, wrong signer…)' }) @IsString() @Length(1, 1000) reason: string;
}

export class WithdrawAgreementDto {
  @ApiProperty({ enum: ['employer', 'employee'] }) @IsIn(['employer', 'employee']) initiatedBy: 'employer' | 'employee';
  @ApiProperty({ description: 'day the notice was given' }) @IsCalendarDate() noticeDate: string;
  @ApiPropertyOptional({ description: 'giustificato motivo: effective immediately, and the only way to end a fixed-term agreement early' })
  @IsOptional()
  @IsBoolean()
  justifiedCause?: boolean;
  @ApiProperty() @IsString() @Length(1, 1000) reason: string;
  @ApiPropertyOptional({ description: 'a later effective date than the legal minimum, if agreed' }) @IsOptional() @IsCalendarDate() effectiveDate?: string;
}

export class SuspendAgreementDto {
  @ApiProperty() @IsString() @Length(1, 1000) reason: string;
}

export class ResumeAgreementDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class SafetyNoticeDto {
  @ApiProperty({ description: 'day the safety notice (informativa) was delivered' }) @IsCalendarDate() deliveredOn: string;
}

/** Newest start first; `cursor` from the previous page's `nextCursor`. */
export class AgreementListQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') employeeId?: string;
  @ApiPropertyOptional({ enum: AGREEMENT_STATES }) @IsOptional() @IsIn(AGREEMENT_STATES) state?: AgreementState;
  @ApiPropertyOptional({ description: 'only agreements in force on this date' }) @IsOptional() @IsCalendarDate() inForceOn?: string;
}
