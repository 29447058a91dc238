import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { AssetState, REPORT_STATUSES, ReportStatus } from '../domain/asset-state';
import { AssetDto } from './assets.dto';

export class ReportAssetDto {
  @ApiProperty({ enum: REPORT_STATUSES, description: 'in_stock: repaired, or a lost/stolen asset recovered' }) @IsIn(REPORT_STATUSES) status: ReportStatus;
  @ApiProperty({ example: 'Smarrito in treno, segnalato dal dipendente alle 9:10' }) @IsString() @Length(3, 2000) note: string;
  @ApiPropertyOptional({ description: 'when it happened (ISO-8601 instant); defaults to now, never in the future' })
  @IsOptional()
  @IsISO8601({ strict: true })
  reportedAt?: string;
  @ApiPropertyOptional({ description: 'police report (denuncia) reference, for thefts' }) @IsOptional() @IsString() @Length(1, 100) policeReportRef?: string;
  @ApiPropertyOptional({ description: 'retirement: secure-erasure method (required for laptops and mobile routers)' })
  @IsOptional()
  @IsString()
  @Length(3, 200)
  erasureMethod?: string;
  @ApiPropertyOptional({ description: 'retirement: erasure / disposal certificate reference (RAEE), required' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  erasureCertificateRef?: string;
}

export class AssetReportDto {
  @ApiProperty() id: string;
  @ApiProperty() assetId: string;
  @ApiProperty({ enum: REPORT_STATUSES }) status: ReportStatus;
  @ApiProperty() previousState: AssetState;
  @ApiProperty() note: string;
  @ApiProperty() reportedAt: string;
  @ApiProperty() reportedBy: string;
  @ApiProperty({ nullable: true, type: String }) policeReportRef: string | null;
  @ApiProperty({ nullable: true, type: String }) erasureMethod: string | null;
  @ApiProperty({ nullable: true, type: String }) erasureCertificateRef: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the handover whose custody this report ended' }) closedHandoverId: string | null;
  @ApiProperty({ description: 'a station-certificate revocation was requested from the PKI' }) stationCompromised: boolean;
}

export class ReportResultDto {
  @ApiProperty({ type: AssetReportDto }) report: AssetReportDto;
  @ApiProperty({ type: AssetDto }) asset: AssetDto;
}

export class AssetDetailDto extends AssetDto {
  @ApiProperty({ type: [AssetReportDto] }) reports: AssetReportDto[];
}
