import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACCOUNT_STATES, AccountState, SUSPENSION_CAUSES, SuspensionCause } from '../domain/account-lifecycle';

export const ACCOUNT_REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'privilegeWithdrawn',
] as const;
export type AccountRevocationReason = (typeof ACCOUNT_REVOCATION_REASONS)[number];

export class CreateVpnAccountDto {
  @ApiProperty() @IsUUID() employeeId: string;
  @ApiProperty({ example: 'dipendenti', description: 'a profile of GET /api/v1/vpn/profiles' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'profile must be a profile name such as dipendenti' })
  profile: string;
}

export class VpnGatewayRefDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty({ enum: ['udp', 'tcp'] }) proto: 'udp' | 'tcp';
}

export class VpnAccountCertificateDto {
  @ApiProperty({ description: 'serial of the current station certificate (lowercase hex)' }) serial: string;
  @ApiProperty() notAfter: string;
  @ApiProperty({ enum: ['csr', 'generated'], nullable: true, type: String }) keyOrigin: 'csr' | 'generated' | null;
  @ApiPropertyOptional({ description: 'as the PKI records it now (valid, on_hold, revoked); only on GET /:id', enum: ['valid', 'on_hold', 'revoked'] })
  status?: string;
}

export class VpnAccountDto {
  @ApiProperty() id: string;
  @ApiProperty() employeeId: string;
  @ApiProperty({ description: 'directory username: the certificate CN and the VPN login' }) username: string;
  @ApiProperty() profile: string;
  @ApiProperty({ enum: ACCOUNT_STATES }) state: AccountState;
  @ApiProperty({ type: VpnGatewayRefDto, nullable: true, description: 'placed at approval' }) gateway: VpnGatewayRefDto | null;
  @ApiProperty({ nullable: true, type: Number, description: 'of the agreement in force at the last gated step' }) remoteDaysPerWeek: number | null;
  @ApiProperty({ description: 'chance of a session on a working day: remote days / 5' }) expectedSessions: number;
  @ApiProperty({ nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ nullable: true, type: String }) stationAssetId: string | null;
  @ApiProperty({ nullable: true, type: String }) stationAssetTag: string | null;
  @ApiProperty({ type: VpnAccountCertificateDto, nullable: true }) certificate: VpnAccountCertificateDto | null;
  @ApiProperty({ nullable: true, type: String, description: 'certificate replaced by a renewal, revoked as superseded after supersedeAfter' })
  supersededSerial: string | null;
  @ApiProperty({ nullable: true, type: String }) supersedeAfter: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ACCOUNT_STATES }) suspendedFrom: AccountState | null;
  @ApiProperty({ nullable: true, type: String }) suspensionReason: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: SUSPENSION_CAUSES,
    description: "why it is suspended: operator (hot-line), agreement (the employee's agreement is suspended; its resumption resumes the account), offboarding",
  })
  suspensionCause: SuspensionCause | null;
  @ApiProperty({ nullable: true, type: String, description: 'the agreement whose suspension suspended the account (cause agreement)' }) suspensionAgreementId:
    string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'e.g. keyCompromise: the laptop was reported lost or stolen' }) certificateLostReason:
    string | null;
  @ApiProperty({ nullable: true, type: String }) certificateLostAt: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) installedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) suspendedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) resumedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) renewedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class VpnAccountPageDto {
  @ApiProperty({ type: [VpnAccountDto] }) items: VpnAccountDto[];
  @ApiProperty({ nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' }) nextCursor: string | null;
}

export class VpnAccountListQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNT_STATES }) @IsOptional() @IsIn(ACCOUNT_STATES) state?: AccountState;
  @ApiPropertyOptional() @IsOptional() @IsUUID() gatewayId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) profile?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

export class InstalledDto {
  @ApiPropertyOptional({ default: false, description: 'also activate (gated; adds the user to the directory VPN group) in the same step' })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
}

export class SuspendVpnAccountDto {
  @ApiProperty({ example: 'Richiesta del dirigente: congedo di tre mesi' }) @IsString() @Length(3, 500) reason: string;
}

export class RevokeVpnAccountDto {
  @ApiProperty({ enum: ACCOUNT_REVOCATION_REASONS, description: 'RFC 5280 reason given to every certificate of the account' })
  @IsIn(ACCOUNT_REVOCATION_REASONS)
  reason: AccountRevocationReason;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) note?: string;
}
