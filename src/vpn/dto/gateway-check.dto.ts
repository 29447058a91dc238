import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { CONNECT_REFUSALS, ConnectRefusal } from '../domain/connect-decision';

export class ConnectCheckRequestDto {
  @ApiProperty({
    example: '5F:1E:2D:3C:4B:5A:69:78:87:96:A5:B4:C3:D2:E1:F0',
    description: "the connecting certificate's serial in hex, any case, colons allowed (OpenVPN's tls_serial_hex_0)",
  })
  @IsString()
  @Length(1, 64)
  serial: string;
}

export class ConnectCheckDto {
  @ApiProperty({ enum: ['allow', 'deny'] }) decision: 'allow' | 'deny';
  @ApiProperty({ enum: CONNECT_REFUSALS, nullable: true, type: String, description: 'why it is refused (null when allowed)' })
  reason: ConnectRefusal | null;
  @ApiProperty({
    type: [String],
    description: 'per-client directives for OpenVPN (client-connect file): ifconfig-push, push "route …", push "dhcp-option …"; empty when refused',
  })
  directives: string[];
}

export class GatewayCredentialDto {
  @ApiProperty() gatewayId: string;
  @ApiProperty({ description: 'the bearer token, shown this once and never again; the previous credential no longer works' }) token: string;
  @ApiProperty() createdAt: string;
}

export class GatewayCredentialRevokedDto {
  @ApiProperty() gatewayId: string;
  @ApiProperty() revokedAt: string;
}
