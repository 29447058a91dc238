import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export const OWN_REPORT_KINDS = ['lost', 'stolen'] as const;
export type OwnReportKind = (typeof OWN_REPORT_KINDS)[number];

export class ReportOwnDeviceDto {
  @ApiProperty({ enum: OWN_REPORT_KINDS }) @IsIn(OWN_REPORT_KINDS) kind: OwnReportKind;
  @ApiPropertyOptional({ example: 'Rubato in treno, denuncia presentata ai Carabinieri' }) @IsOptional() @IsString() @Length(3, 2000) note?: string;
}

export class OwnDeviceReportDto {
  @ApiProperty() reportId: string;
  @ApiProperty() assetId: string;
  @ApiProperty({ enum: OWN_REPORT_KINDS }) kind: string;
  @ApiProperty() reportedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'the handover whose custody the report ended' }) closedHandoverId: string | null;
  @ApiProperty({ description: 'the station certificates of the laptop are being revoked (keyCompromise), at once' }) stationCertificatesRevoked: boolean;
}
