import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';

export const BULK_MAX_ITEMS = 200;

export class BulkOnboardItemDto {
  @ApiProperty() @IsUUID() employeeId: string;
  @ApiProperty({ example: 'dipendenti' }) @IsString() @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/) profile: string;
  @ApiProperty() @IsUUID() stationAssetId: string;
  @ApiProperty({ description: 'PKCS#10 request made on the laptop, CN = the username' }) @IsString() @MaxLength(16 * 1024) csrPem: string;
}

export class BulkOnboardDto {
  @ApiProperty({ type: [BulkOnboardItemDto], maxItems: BULK_MAX_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_MAX_ITEMS)
  @ValidateNested({ each: true })
  @Type(() => BulkOnboardItemDto)
  items: BulkOnboardItemDto[];
  @ApiPropertyOptional({ default: false, description: 'the profiles were installed at handover: mark installed and activate (VPN group) too' })
  @IsOptional()
  @IsBoolean()
  activate?: boolean;
  @ApiPropertyOptional({ default: false, description: 'return each .ovpn (no key inside: it stays on the laptop)' })
  @IsOptional()
  @IsBoolean()
  includeProfiles?: boolean;
}

export class BulkOnboardedDto {
  @ApiProperty() index: number;
  @ApiProperty() accountId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty() username: string;
  @ApiProperty() state: string;
  @ApiProperty() gateway: string;
  @ApiProperty() serial: string;
  @ApiProperty() notAfter: string;
  @ApiPropertyOptional({ description: 'with includeProfiles' }) openvpnProfile?: string;
}

export class BulkOnboardResultDto {
  @ApiProperty() count: number;
  @ApiProperty({ type: [BulkOnboardedDto] }) items: BulkOnboardedDto[];
}
