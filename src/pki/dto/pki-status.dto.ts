import { ApiProperty } from '@nestjs/swagger';

export class CaSummaryDto {
  @ApiProperty() subject: string;
  @ApiProperty() notBefore: string;
  @ApiProperty() notAfter: string;
  @ApiProperty() fingerprintSha256: string;
  @ApiProperty({ enum: ['generated', 'imported'] }) source: 'generated' | 'imported';
  @ApiProperty({ description: 'certificates above an imported intermediate' }) chainLength: number;
}

export class CrlStatusDto {
  @ApiProperty() crlNumber: number;
  @ApiProperty() thisUpdate: string;
  @ApiProperty() nextUpdate: string;
  @ApiProperty({ description: 'revoked or held certificates listed' }) entries: number;
  @ApiProperty() ageSeconds: number;
  @ApiProperty({ description: 'negative once nextUpdate has passed' }) secondsToNextUpdate: number;
  @ApiProperty({ description: 'true when less than the alert margin remains before nextUpdate' }) alert: boolean;
  @ApiProperty() alertMarginSeconds: number;
}

export class CertificateCountsDto {
  @ApiProperty() valid: number;
  @ApiProperty() revoked: number;
  @ApiProperty() onHold: number;
  @ApiProperty() expiringWithin30Days: number;
}

export class PkiStatusDto {
  @ApiProperty({ type: CaSummaryDto }) ca: CaSummaryDto;
  @ApiProperty({ type: CrlStatusDto }) crl: CrlStatusDto;
  @ApiProperty({ type: CertificateCountsDto }) certificates: CertificateCountsDto;
}
