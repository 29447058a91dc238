import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { VpnAccountDto } from './vpn-account.dto';

export class IssueVpnCertificateDto {
  @ApiProperty({ description: "the laptop: handed over to this account's employee (or their declared personal laptop)" }) @IsUUID() stationAssetId: string;
  @ApiPropertyOptional({ description: 'PKCS#10 request made on the laptop (RSA ≥ 2048, subject CN = the username); or give generateKey' })
  @IsOptional()
  @IsString()
  @MaxLength(16 * 1024)
  csrPem?: string;
  @ApiPropertyOptional({ description: 'true: the service makes the key and returns it once, as PKCS#12 and inline in the .ovpn' })
  @IsOptional()
  @IsBoolean()
  generateKey?: boolean;
}

export class IssuedVpnCertificateDto {
  @ApiProperty() serial: string;
  @ApiProperty() notBefore: string;
  @ApiProperty() notAfter: string;
  @ApiProperty() fingerprintSha256: string;
  @ApiProperty({ enum: ['csr', 'generated'] }) keyOrigin: 'csr' | 'generated';
  @ApiProperty({ description: 'the station certificate, PEM' }) certificatePem: string;
  @ApiProperty({ description: 'the CA certificate and its chain, PEM' }) caChainPem: string;
}

export class VpnIssuanceDto {
  @ApiProperty({ type: VpnAccountDto }) account: VpnAccountDto;
  @ApiProperty({ type: IssuedVpnCertificateDto }) certificate: IssuedVpnCertificateDto;
  @ApiProperty({ nullable: true, type: String, description: 'generateKey only: PKCS#12 (key, certificate, CA), base64. Shown once, never stored.' })
  pkcs12Base64: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'generateKey only: the one-time password of the PKCS#12. Shown once, never stored.' })
  oneTimePassword: string | null;
  @ApiProperty({ description: 'the .ovpn; with generateKey the private key is inline (this answer only), otherwise it names the key file on the laptop' })
  openvpnProfile: string;
  @ApiProperty({ example: 'mrossi.ovpn' }) openvpnProfileFileName: string;
  @ApiProperty({ description: 'whether openvpnProfile carries the private key' }) keyInline: boolean;
}
