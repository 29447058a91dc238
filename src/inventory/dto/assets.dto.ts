import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { ASSET_STATES, AssetState } from '../domain/asset-state';
import { DEVICE_KINDS, DeviceKind, OWNERSHIPS, Ownership } from '../domain/device-kind';
import { ASSET_SORTS, AssetSort } from '../asset.repository';
import { PageQueryDto } from '../../common/http/page.dto';

export class SimDto {
  @ApiProperty({ example: '8939100000000000000' }) @IsString() @Length(18, 30) iccid: string;
  @ApiPropertyOptional({ example: '+393331234567' }) @IsOptional() @IsString() @Length(6, 20) phoneNumber?: string;
  @ApiPropertyOptional({ example: 'Consip TM8 50 GB' }) @IsOptional() @IsString() @Length(1, 100) dataPlan?: string;
}

export class CreateAssetDto {
  @ApiProperty() @IsUUID() modelId: string;
  @ApiPropertyOptional({ description: 'the purchase lot it arrived with; omit for stock bought outside a lot' }) @IsOptional() @IsUUID() lotId?: string;
  @ApiProperty({ example: 'PF3ABC12' }) @IsString() @Length(1, 200) serial: string;
  @ApiPropertyOptional({ description: 'generated when omitted', example: 'INV-0001234' }) @IsOptional() @IsString() @Length(1, 100) assetTag?: string;
  @ApiPropertyOptional({ example: 'Magazzino SI, via Roma 1' }) @IsOptional() @IsString() @Length(1, 200) location?: string;
  @ApiPropertyOptional({ example: 'AA:BB:CC:DD:EE:FF' }) @IsOptional() @IsString() @Length(1, 40) mac?: string;
  @ApiPropertyOptional({ type: SimDto, description: 'mobile routers only' }) @IsOptional() @ValidateNested() @Type(() => SimDto) sim?: SimDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) notes?: string;
}

export class AssetQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DEVICE_KINDS }) @IsOptional() @IsIn(DEVICE_KINDS) kind?: DeviceKind;
  @ApiPropertyOptional({ enum: ASSET_STATES }) @IsOptional() @IsIn(ASSET_STATES) state?: AssetState;
  @ApiPropertyOptional() @IsOptional() @IsUUID() modelId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() lotId?: string;
  @ApiPropertyOptional({ description: 'employee holding it' }) @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional({ enum: OWNERSHIPS }) @IsOptional() @IsIn(OWNERSHIPS) ownership?: Ownership;
  @ApiPropertyOptional({ description: 'start of an asset tag or serial, case-insensitive (index-backed: fast at any size)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ description: 'any part of an asset tag or serial, e.g. its last digits (scans: slower on large inventories)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  contains?: string;
  @ApiPropertyOptional({ enum: ASSET_SORTS, default: 'assetTag' }) @IsOptional() @IsIn(ASSET_SORTS) sort?: AssetSort;
}

export class SimViewDto {
  @ApiProperty() iccid: string;
  @ApiProperty({ nullable: true, type: String }) phoneNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) dataPlan: string | null;
}

export class AssetDto {
  @ApiProperty() id: string;
  @ApiProperty() assetTag: string;
  @ApiProperty() serial: string;
  @ApiProperty() manufacturer: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() modelId: string;
  @ApiProperty() model: string;
  @ApiProperty({ nullable: true, type: String }) lotId: string | null;
  @ApiProperty({ enum: OWNERSHIPS }) ownership: Ownership;
  @ApiProperty({ nullable: true, type: String }) location: string | null;
  @ApiProperty({ enum: ASSET_STATES }) state: AssetState;
  @ApiProperty({ nullable: true, type: String }) holderEmployeeId: string | null;
  @ApiProperty({ nullable: true, type: String }) currentHandoverId: string | null;
  @ApiProperty({ nullable: true, type: String }) assignedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) mac: string | null;
  @ApiProperty({ nullable: true, type: SimViewDto }) sim: SimViewDto | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class AssetPageDto {
  @ApiProperty({ type: [AssetDto] }) items: AssetDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
