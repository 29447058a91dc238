import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { DECLARABLE_INDICATORS } from '../domain/pola-types';
import { NOTE_MAX_LENGTH, NOTE_MIN_LENGTH, POLA_FIRST_YEAR } from '../domain/declared-value.rules';

/** Checked by the domain (declared-value.rules.ts), which answers each refusal with its own code. */
export class DeclareValueDto {
  @ApiProperty({
    oneOf: [{ type: 'number' }, { type: 'boolean' }],
    description: 'a presence indicator takes true/false; a percent 0-100; a count or an amount in euros a number from 0',
    example: 95,
  })
  @Allow()
  value: unknown;

  @ApiProperty({
    type: String,
    minLength: NOTE_MIN_LENGTH,
    maxLength: NOTE_MAX_LENGTH,
    description: 'the evidence the value rests on (Italian)',
    example: 'Censimento applicativi 2022',
  })
  @Allow()
  note: unknown;
}

export class PolaInputYearQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: `the year, from ${POLA_FIRST_YEAR} to the current one (default: the current one)`, example: 2022 })
  @Allow()
  year?: unknown;
}

export class DeclaredValueDto {
  @ApiProperty({ enum: DECLARABLE_INDICATORS }) indicator: string;
  @ApiProperty() year: number;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'boolean' }] }) value: number | boolean;
  @ApiProperty() note: string;
  @ApiProperty({ description: 'ISO timestamp' }) declaredAt: string;
  @ApiProperty({ description: 'who declared it (token name or directory login)' }) declaredBy: string;
  @ApiProperty({ description: '1 for the first declaration of the year and indicator, then +1 at each replacement' }) version: number;
}

export class DeclaredValuesDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: [DeclaredValueDto] }) values: DeclaredValueDto[];
  @ApiProperty({ enum: DECLARABLE_INDICATORS, isArray: true, description: 'declarable indicators with nothing declared for the year' }) missing: string[];
}

export class AttendanceImportReportDto {
  @ApiProperty({ description: 'rows imported (one per service and month)' }) rows: number;
  @ApiProperty({ type: [String], description: 'the months the file carried (YYYY-MM): their earlier totals were replaced' }) months: string[];
  @ApiProperty() services: number;
  @ApiProperty({ description: 'rows of those months that were there before and were replaced' }) replacedRows: number;
}

class AttendanceSumsDto {
  @ApiProperty() workingDays: number;
  @ApiProperty() remoteDays: number;
  @ApiProperty() absenceDays: number;
  @ApiProperty({ nullable: true, type: Number, description: 'remote-work days / working days, in percent' }) remoteDaysPct: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'absence days / working days, in percent' }) absenceDaysPct: number | null;
}

export class AttendanceTotalsDto extends AttendanceSumsDto {
  @ApiProperty() months: number;
  @ApiProperty() services: number;
}

export class AttendanceMonthDto extends AttendanceSumsDto {
  @ApiProperty({ description: 'YYYY-MM' }) month: string;
  @ApiProperty() services: number;
}

export class AttendanceServiceDto extends AttendanceSumsDto {
  @ApiProperty() serviceCode: string;
  @ApiProperty() months: number;
}

/** A year of HR attendance totals: sums per month and per service, never people. */
export class AttendanceYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ type: AttendanceTotalsDto, nullable: true, description: 'null when nothing was imported for the year' }) totals: AttendanceTotalsDto | null;
  @ApiProperty({ type: [AttendanceMonthDto] }) months: AttendanceMonthDto[];
  @ApiProperty({ type: [AttendanceServiceDto] }) services: AttendanceServiceDto[];
}
