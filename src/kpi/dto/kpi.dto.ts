import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { INDICATOR_IDS } from '../domain/indicator-catalog';
import { MIN_KPI_YEAR } from '../domain/reference-date';

export class PolaQueryDto {
  @ApiPropertyOptional({ description: 'the year (default: the current one); a past year is measured on 31 December', example: 2021 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_KPI_YEAR)
  @Max(9999)
  year?: number;
}

export class SeriesQueryDto {
  @ApiPropertyOptional({ description: 'first year (default: the earliest year in config/kpi-targets.tsv)', example: 2020 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_KPI_YEAR)
  @Max(9999)
  from?: number;

  @ApiPropertyOptional({ description: 'last year (default: the current one)', example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_KPI_YEAR)
  @Max(9999)
  to?: number;
}

export class BreakdownRowDto {
  @ApiProperty({ description: 'month (YYYY-MM), service code, VPN state or gateway name' }) key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true } }) values: Record<string, number | null>;
}

export class IndicatorDto {
  @ApiProperty({ enum: INDICATOR_IDS }) id: string;
  @ApiProperty({ enum: ['count', 'percent', 'eur', 'hours'] }) unit: string;
  @ApiProperty({ enum: ['history', 'current'], description: 'history: rebuilt for the reference date; current: the present state only' }) scope: string;
  @ApiProperty({ description: 'the date the value describes' }) asOf: string;
  @ApiProperty() definition: string;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ nullable: true, type: Number }) baselineYear: number | null;
  @ApiProperty({ nullable: true, type: Number }) baseline: number | null;
  @ApiProperty({ nullable: true, type: Number, description: "the year's target (config/kpi-targets.tsv)" }) target: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'where a straight line from the baseline to the target stands on the reference date' })
  expected: number | null;
  @ApiProperty({ nullable: true, enum: ['met', 'on_track', 'behind'] }) status: string | null;
  @ApiProperty({ nullable: true, type: Number }) numerator: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null: a count or a sum, not a ratio' }) denominator: number | null;
  @ApiProperty() numeratorDefinition: string;
  @ApiProperty({ nullable: true, type: String }) denominatorDefinition: string | null;
  @ApiProperty({ type: [BreakdownRowDto] }) breakdown: BreakdownRowDto[];
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, string | number | boolean | null>;
}

export class SeriesPointDto {
  @ApiProperty() year: number;
  @ApiProperty() referenceDate: string;
  @ApiProperty() current: boolean;
  @ApiProperty({ description: 'laptops for remote work on the reference date' }) laptops: number;
  @ApiProperty({ nullable: true, type: Number }) laptopsTarget: number | null;
  @ApiProperty({ nullable: true, enum: ['met', 'on_track', 'behind'] }) laptopsStatus: string | null;
  @ApiProperty({ description: 'employees with an agreement in force' }) workersInForce: number;
  @ApiProperty({ nullable: true, type: Number, description: '% of them equipped with devices and data' }) equippedPct: number | null;
  @ApiProperty({ nullable: true, type: Number }) equippedPctTarget: number | null;
  @ApiProperty({ description: 'hardware investment of the year, euros' }) investmentEur: number;
  @ApiProperty({ nullable: true, type: Number }) investmentEurTarget: number | null;
}

export class SeriesDto {
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ nullable: true, type: Number, description: 'baseline of laptops for remote work' }) laptopsBaseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) laptopsBaselineYear: number | null;
  @ApiProperty({ type: [SeriesPointDto] }) points: SeriesPointDto[];
}
