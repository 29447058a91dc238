import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CERTIFICATE_STATUSES, CertificateStatus, HOLD_OWNERS, HoldOwner, REVOCATION_REASONS } from '../domain/revocation';

export class CertificateDto {
  @ApiProperty({ description: 'serial number, lowercase hex', example: '5c1f0e2a9b7d4c3e8f1a2b3c4d5e6f70' }) serial: string;
  @ApiProperty({ enum: ['station', 'server'] }) kind: 'station' | 'server';
  @ApiProperty({ description: 'subject CN: the VPN username (station) or host name (server)' }) subjectCn: string;
  @ApiProperty({ nullable: true, type: String }) assetTag: string | null;
  @ApiProperty({ nullable: true, type: String }) stationAssetId: string | null;
  @ApiProperty({ nullable: true, type: String }) employeeId: string | null;
  @ApiProperty({ nullable: true, type: String }) vpnAccountId: string | null;
  @ApiProperty({ enum: ['csr', 'generated'] }) keyOrigin: 'csr' | 'generated';
  @ApiProperty() notBefore: string;
  @ApiProperty() notAfter: string;
  @ApiProperty({ enum: CERTIFICATE_STATUSES }) status: CertificateStatus;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String, enum: REVOCATION_REASONS }) revocationReason: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: HOLD_OWNERS,
    description: 'on hold only: who placed the hold. vpn-account: the VPN account is suspended, and only resuming it lifts the hold',
  })
  holdOwner: HoldOwner | null;
  @ApiProperty({ nullable: true, type: String }) supersededBy: string | null;
  @ApiProperty() fingerprintSha256: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'the certificate (public), PEM' }) certificatePem: string;
}

export class CertificatePageDto {
  @ApiProperty({ type: [CertificateDto] }) items: CertificateDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}

export class CertificateListQueryDto {
  @ApiPropertyOptional({ enum: CERTIFICATE_STATUSES }) @IsOptional() @IsIn(CERTIFICATE_STATUSES) status?: CertificateStatus;
  @ApiPropertyOptional({ enum: ['station', 'server'] }) @IsOptional() @IsIn(['station', 'server']) kind?: 'station' | 'server';
  @ApiPropertyOptional() @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() stationAssetId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() vpnAccountId?: string;
  @ApiPropertyOptional({ description: 'valid certificates expiring within this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiringWithinDays?: number;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class RevokeCertificateDto {
  @ApiProperty({ enum: REVOCATION_REASONS, description: 'RFC 5280 reason; certificateHold suspends (POST …/release-hold lifts it)' })
  @IsString()
  @MaxLength(40)
  reason: string;
}
