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
  @ApiPropertyOptional({
    description: 'true: the service makes the key; it travels only inside a PKCS#12 under a one-time password (the .p12, and <pkcs12> in the .ovpn)',
  })
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
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'generateKey only: PKCS#12 (key, certificate, CA), base64, under the one-time password. Kept protected, so later profile downloads carry it.',
  })
  pkcs12Base64: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'generateKey only: the one-time password of the PKCS#12 (and of the profile). Shown once, never stored.',
  })
  oneTimePassword: string | null;
  @ApiProperty({
    description:
      'the .ovpn; with generateKey it carries the key inside <pkcs12> under the one-time password (OpenVPN asks for it), otherwise it names the key file made on the laptop. Never a key in clear.',
  })
  openvpnProfile: string;
  @ApiProperty({ example: 'mrossi.ovpn' }) openvpnProfileFileName: string;
  @ApiProperty({ description: 'whether openvpnProfile carries the private key (generateKey: inside the password-protected <pkcs12>)' }) keyInline: boolean;
}
