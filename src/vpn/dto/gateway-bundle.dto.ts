import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class GatewayBundleQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'tar'], default: 'json', description: 'tar: a gzip’d tar of the same files, with their modes' })
  @IsOptional()
  @IsIn(['json', 'tar'])
  format?: 'json' | 'tar';

  @ApiPropertyOptional({ example: '/etc/openvpn', description: 'absolute directory the gateway installs the bundle into (default /etc/openvpn)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  dir?: string;

  @ApiPropertyOptional({
    example: 'https://lavoro-agile.comune.prato.it',
    description: 'URL the gateway reaches the service at (default PUBLIC_BASE_URL), written into remote-work/gateway.conf',
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  serviceUrl?: string;
}

export class GatewayBundleFileDto {
  @ApiProperty({ example: 'remote-work/connect-check.sh', description: 'relative to the install directory' }) path: string;
  @ApiProperty({ example: '0755', description: 'permission bits, octal' }) mode: string;
  @ApiProperty() content: string;
}

export class GatewayBundleDto {
  @ApiProperty() gatewayId: string;
  @ApiProperty({ example: 'vpn1' }) gatewayName: string;
  @ApiProperty() generatedAt: string;
  @ApiProperty({ example: '/etc/openvpn' }) installDir: string;
  @ApiProperty({
    type: [GatewayBundleFileDto],
    description:
      'server.conf, ca.pem, crl.pem, nftables.conf, allow-list.pub.pem, remote-work/{connect-check.sh, crl-refresh.sh, allow-list-refresh.sh, gateway.conf}, README.it.md',
  })
  files: GatewayBundleFileDto[];
}
