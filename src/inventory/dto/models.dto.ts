import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import { DEVICE_KINDS, DeviceKind } from '../domain/device-kind';

export class CreateDeviceModelDto {
  @ApiProperty({ enum: DEVICE_KINDS }) @IsIn(DEVICE_KINDS) kind: DeviceKind;
  @ApiProperty({ example: 'Lenovo' }) @IsString() @Length(1, 100) manufacturer: string;
  @ApiProperty({ example: 'ThinkPad T14 Gen 2' }) @IsString() @Length(1, 150) model: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { cpu: 'i5-1135G7', ramGb: 16, ssdGb: 512 } })
  @IsOptional()
  @IsObject()
  specs?: Record<string, unknown>;
}

export class DeviceModelQueryDto {
  @ApiPropertyOptional({ enum: DEVICE_KINDS }) @IsOptional() @IsIn(DEVICE_KINDS) kind?: DeviceKind;
}

export class DeviceModelDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() manufacturer: string;
  @ApiProperty() model: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) specs: Record<string, unknown>;
  @ApiProperty() createdAt: string;
}
