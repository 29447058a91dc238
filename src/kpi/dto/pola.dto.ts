import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { POLA_GROUPS, POLA_INDICATOR_IDS } from '../domain/pola-types';
import { IndicatorDto } from './kpi.dto';

const STATUSES = ['met', 'on_track', 'behind', 'not_met', 'no_target', 'action_required', 'no_data'];

export class TypedTargetDto {
  @ApiProperty({ enum: ['number', 'bound', 'presence', 'not_defined', 'action', 'not_measured'] }) kind: string;
  @ApiProperty({ description: "the plan's own text, shown verbatim (e.g. `30.000 €`, `<18%`, `presente`, `n.d`)" }) text: string;
  @ApiPropertyOptional({ type: Number, description: 'number and bound: the figure (percentages 0-100, euros, counts)' }) value?: number;
  @ApiPropertyOptional({ enum: ['<', '<=', '>', '>='], description: 'bound only' }) op?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'presence only' }) present?: boolean;
  @ApiPropertyOptional({ type: String, description: 'action only (e.g. "Attivare rilevazione")' }) action?: string;
}

export class PolaValueDto {
  @ApiProperty({ enum: ['number', 'presence'] }) kind: string;
  @ApiPropertyOptional({ type: Number, description: 'number: count, percent 0-100 or euros' }) value?: number;
  @ApiPropertyOptional({ type: Boolean }) present?: boolean;
}

export class PolaDeclaredDto {
  @ApiProperty({ description: "the RTD's evidence note" }) note: string;
  @ApiProperty({ description: 'ISO timestamp' }) declaredAt: string;
  @ApiProperty({ description: 'who declared it (display name)' }) declaredBy: string;
}

export class PolaIndicatorDto {
  @ApiProperty({ enum: POLA_INDICATOR_IDS }) id: string;
  @ApiProperty({ enum: POLA_GROUPS.map((g) => g.id) }) group: string;
  @ApiProperty({ description: "the plan's own wording (Italian)" }) name: string;
  @ApiProperty({ description: 'how the value is obtained (Italian)' }) method: string;
  @ApiProperty({ enum: ['count', 'percent', 'eur', 'presence'] }) unit: string;
  @ApiProperty({ enum: ['computed', 'declared', 'imported'] }) source: string;
  @ApiProperty({ description: 'where the value comes from (Italian)' }) sourceDescription: string;
  @ApiProperty({ nullable: true, type: Number }) baselineYear: number | null;
  @ApiProperty({ nullable: true, type: TypedTargetDto }) baseline: TypedTargetDto | null;
  @ApiProperty({ nullable: true, type: TypedTargetDto, description: "the year's target (config/pola-targets.tsv); null: none" }) target: TypedTargetDto | null;
  @ApiProperty({ nullable: true, type: PolaValueDto }) value: PolaValueDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'where a straight line to a numeric target stands on the reference date' })
  expected: number | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: Number }) numerator: number | null;
  @ApiProperty({ nullable: true, type: Number }) denominator: number | null;
  @ApiProperty({ nullable: true, type: String }) numeratorDefinition: string | null;
  @ApiProperty({ nullable: true, type: String }) denominatorDefinition: string | null;
  @ApiProperty({ nullable: true, type: PolaDeclaredDto, description: 'declared indicators: the declaration shown in the report' })
  declared: PolaDeclaredDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'Italian: why there is no value, or what the figure leaves out' }) note: string | null;
}

export class PolaGroupDto {
  @ApiProperty({ enum: POLA_GROUPS.map((g) => g.id) }) id: string;
  @ApiProperty() dimension: string;
  @ApiProperty({ nullable: true, type: String }) factor: string | null;
  @ApiProperty() label: string;
  @ApiProperty({ type: [String], enum: POLA_INDICATOR_IDS, description: 'ids of the group, in the document’s order' }) indicators: string[];
}

export class PolaReportDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: '31 December, or today for the current year (municipality time zone)' }) referenceDate: string;
  @ApiProperty({ description: 'instant up to which events count (exclusive)' }) cutoff: string;
  @ApiProperty() current: boolean;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ type: [PolaGroupDto], description: 'the groups of Part 4, in the document’s order' }) groups: PolaGroupDto[];
  @ApiProperty({ type: [PolaIndicatorDto], description: 'the 22 indicators of Part 4, in the document’s order' }) indicators: PolaIndicatorDto[];
  @ApiProperty({ type: [IndicatorDto], description: 'the operational indicators that are not in Part 4' }) operational: IndicatorDto[];
}
