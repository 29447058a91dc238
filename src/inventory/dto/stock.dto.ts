import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DEVICE_KINDS, DeviceKind } from '../domain/device-kind';

export class StockQueryDto {
  @ApiPropertyOptional({ enum: DEVICE_KINDS }) @IsOptional() @IsIn(DEVICE_KINDS) kind?: DeviceKind;
}

export class StockRowDto {
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() modelId: string;
  @ApiProperty() manufacturer: string;
  @ApiProperty() model: string;
  @ApiProperty() inStock: number;
  @ApiProperty() assigned: number;
  @ApiProperty() inRepair: number;
}

export class StockTotalDto {
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() inStock: number;
  @ApiProperty() assigned: number;
  @ApiProperty() inRepair: number;
}

export class StockDto {
  @ApiProperty({ type: [StockRowDto] }) byModel: StockRowDto[];
  @ApiProperty({ type: [StockTotalDto] }) byKind: StockTotalDto[];
}

export class PlanningQueryDto {
  @ApiPropertyOptional({ description: 'target year (default: next year)' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class WarrantyEndingDto {
  @ApiProperty() lotId: string;
  @ApiProperty() cig: string;
  @ApiProperty() supplier: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() model: string;
  @ApiProperty() warrantyEndsOn: string;
  @ApiProperty({ description: 'assets of the lot still in service (in stock, assigned, in repair)' }) assetsInService: number;
}

export class PlanningDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: "the year's target of laptops for remote work (config/kpi-targets.tsv)" }) target: number;
  @ApiProperty({ nullable: true, type: Number, description: 'baseline of the indicator, when the file has one' }) baseline: number | null;
  @ApiProperty({ nullable: true, type: Number }) baselineYear: number | null;
  @ApiProperty({ description: 'municipal laptops assigned to employees (all went through the gate)' }) laptopsAssigned: number;
  @ApiProperty({ description: 'municipal laptops on the shelf' }) laptopsInStock: number;
  @ApiProperty({ description: 'municipal laptops in repair (not counted as available)' }) laptopsInRepair: number;
  @ApiProperty({ description: 'max(0, target − assigned − in stock)' }) laptopsNeeded: number;
  @ApiProperty({ description: 'how: target − laptopsAssigned − laptopsInStock' }) formula: string;
  @ApiProperty() today: string;
  @ApiProperty({ type: [WarrantyEndingDto], description: 'lots whose warranty ends within 90 days' }) warrantiesEnding: WarrantyEndingDto[];
}

/** Lots whose warranty ends within the horizon, with or without a laptop target for any year. */
export class WarrantiesEndingDto {
  @ApiProperty({ description: 'today (municipality time zone)' }) from: string;
  @ApiProperty({ description: 'the last day of the horizon (today + 90 days)' }) to: string;
  @ApiProperty({ type: [WarrantyEndingDto], description: 'the lots whose warranty ends in the window (a few a year): a report, not a paged list' })
  lots: WarrantyEndingDto[];
}
