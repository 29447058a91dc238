import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** A network a profile or a gateway reaches: whole, or only some ports. */
export class NetworkAccessDto {
  @ApiProperty({ example: '10.10.0.0/16', description: 'IPv4 network in CIDR notation, host bits zero (0.0.0.0/0: full tunnel)' })
  @IsString()
  @MaxLength(18)
  cidr: string;
  @ApiPropertyOptional({
    type: [String],
    example: ['tcp/443', 'udp/53'],
    description: 'tcp/<port>, udp/<port>, tcp/<from>-<to> or icmp; absent: every protocol and port',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  ports?: string[];
}

export class VpnGatewayDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'vpn1' }) name: string;
  @ApiProperty({ example: 'vpn1.comune.prato.it' }) host: string;
  @ApiProperty({ example: 1194 }) port: number;
  @ApiProperty({ enum: ['udp', 'tcp'] }) proto: 'udp' | 'tcp';
  @ApiProperty({ example: 'dipendenti' }) profile: string;
  @ApiProperty({ description: 'concurrent sessions the gateway is sized for' }) capacity: number;
  @ApiProperty({ description: 'disabled gateways keep their accounts but get no new ones' }) enabled: boolean;
  @ApiProperty({ type: [NetworkAccessDto], nullable: true, description: "networks its clients reach instead of the profile's; null: the profile's" })
  networks: NetworkAccessDto[] | null;
  @ApiProperty({ type: [NetworkAccessDto], description: 'the networks its clients reach (its own or its profile’s): pushed routes and firewall' })
  effectiveNetworks: NetworkAccessDto[];
  @ApiProperty({ example: 'rw-udp1194', description: 'tun device of its OpenVPN instance (from proto and port), as server.conf and nftables.conf name it' })
  tunDevice: string;
  @ApiProperty({ enum: ['config', 'api'] }) source: 'config' | 'api';
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class CreateVpnGatewayDto {
  @ApiProperty({ example: 'vpn4' }) @IsString() @Matches(NAME, { message: 'name: lower-case letters, digits, "_" or "-", at most 40' }) name: string;
  @ApiProperty({ example: 'vpn4.comune.prato.it' }) @IsString() @MaxLength(253) host: string;
  @ApiPropertyOptional({ default: 1194 }) @IsOptional() @IsInt() @Min(1) @Max(65535) port?: number;
  @ApiPropertyOptional({ enum: ['udp', 'tcp'], default: 'udp' }) @IsOptional() @IsIn(['udp', 'tcp']) proto?: 'udp' | 'tcp';
  @ApiProperty({ example: 'dipendenti' }) @IsString() @MaxLength(40) profile: string;
  @ApiProperty({ example: 200 }) @IsInt() @Min(1) @Max(100_000) capacity: number;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ type: [NetworkAccessDto], nullable: true, description: "instead of the profile's networks; absent or null: the profile's" })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NetworkAccessDto)
  networks?: NetworkAccessDto[] | null;
}

export class UpdateVpnGatewayDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(253) host?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(65535) port?: number;
  @ApiPropertyOptional({ enum: ['udp', 'tcp'] }) @IsOptional() @IsIn(['udp', 'tcp']) proto?: 'udp' | 'tcp';
  @ApiPropertyOptional({ description: 'only for a gateway without accounts' }) @IsOptional() @IsString() @MaxLength(40) profile?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(100_000) capacity?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ type: [NetworkAccessDto], nullable: true, description: "instead of the profile's networks; null: back to the profile's" })
  @ValidateIf((_, v) => v !== null)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => NetworkAccessDto)
  networks?: NetworkAccessDto[] | null;
}

export class VpnProfileDnsDto {
  @ApiProperty({ type: [String] }) servers: string[];
  @ApiProperty({ nullable: true, type: String }) domain: string | null;
}

export class VpnProfileDto {
  @ApiProperty({ example: 'dipendenti' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '10.8.0.0/22', description: "the accounts' addresses (one each, stable); the first host address is the gateway's own" })
  pool: string;
  @ApiProperty({ type: [NetworkAccessDto], description: 'what its users reach: pushed as routes, enforced by the gateway firewall (0.0.0.0/0: full tunnel)' })
  networks: NetworkAccessDto[];
  @ApiProperty({ type: VpnProfileDnsDto }) dns: VpnProfileDnsDto;
  @ApiProperty({ type: [String], description: 'names of the gateways serving it' }) gateways: string[];
}

export class AccountsByStateDto {
  @ApiProperty() requested: number;
  @ApiProperty() approved: number;
  @ApiProperty() issued: number;
  @ApiProperty() installed: number;
  @ApiProperty() active: number;
  @ApiProperty() suspended: number;
  @ApiProperty() revoked: number;
}

export class GatewayLoadDto {
  @ApiProperty() gatewayId: string;
  @ApiProperty() name: string;
  @ApiProperty() host: string;
  @ApiProperty() profile: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: AccountsByStateDto }) accounts: AccountsByStateDto;
  @ApiProperty({ description: 'Σ remote days / 5 over issued, installed and active accounts: sessions expected on a working day' })
  expectedPeakSessions: number;
  @ApiProperty({ description: 'expected + 1.645σ (each account a Bernoulli draw): enough on 19 working days out of 20' }) peakSessions95: number;
  @ApiProperty({ description: 'expectedPeakSessions / capacity, %' }) utilisationPercent: number;
  @ApiProperty({ nullable: true, type: String }) warning: string | null;
}

export class LoadTotalsDto {
  @ApiProperty() gateways: number;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: AccountsByStateDto }) accounts: AccountsByStateDto;
  @ApiProperty() expectedPeakSessions: number;
  @ApiProperty() peakSessions95: number;
  @ApiProperty() utilisationPercent: number;
  @ApiProperty() gatewaysWithWarning: number;
}

export class GatewayLoadReportDto {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ description: 'utilisation % at which a gateway is flagged' }) warningThresholdPercent: number;
  @ApiProperty({ type: [GatewayLoadDto] }) gateways: GatewayLoadDto[];
  @ApiProperty({ type: LoadTotalsDto }) totals: LoadTotalsDto;
}
