import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { DEVICE_KINDS, DeviceKind } from '../domain/device-kind';
import { PageQueryDto } from '../../common/http/page.dto';
import { WarningDto } from './common.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateLotDto {
  @ApiProperty() @IsUUID() modelId: string;
  @ApiProperty({ example: 'Converge S.p.A.' }) @IsString() @Length(1, 200) supplier: string;
  @ApiPropertyOptional({ example: 'PC Portatili e Tablet 4' }) @IsOptional() @IsString() @Length(1, 200) consipConvention?: string;
  @ApiPropertyOptional({ example: 'Lotto 1' }) @IsOptional() @IsString() @Length(1, 50) consipLot?: string;
  @ApiProperty({ description: 'Codice Identificativo Gara: 10 letters or digits', example: '8563412A7F' })
  @IsString()
  @Matches(/^[0-9A-Za-z]{10}$/, { message: 'cig must be 10 letters or digits' })
  cig: string;
  @ApiProperty({ example: 'ODA-2021-5512' }) @IsString() @Length(1, 60) orderNumber: string;
  @ApiProperty({ example: '2021-03-01' }) @Matches(DATE, { message: 'orderDate must be YYYY-MM-DD' }) orderDate: string;
  @ApiPropertyOptional({ example: '2021-04-15' }) @IsOptional() @Matches(DATE, { message: 'deliveryDate must be YYYY-MM-DD' }) deliveryDate?: string;
  @ApiProperty({ minimum: 1, example: 80 }) @IsInt() @Min(1) @Max(100000) quantity: number;
  @ApiProperty({ description: 'unit price in euro cents', example: 69900 }) @IsInt() @Min(0) @Max(100_000_000) unitPriceCents: number;
  @ApiProperty({ example: 36 }) @IsInt() @Min(0) @Max(120) warrantyMonths: number;
  @ApiPropertyOptional({ description: 'required for lots above 100 pieces (POLA 2.5a); kept in the audit log' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  overrideReason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) notes?: string;
}

export class LotQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() modelId?: string;
  @ApiPropertyOptional({ enum: DEVICE_KINDS }) @IsOptional() @IsIn(DEVICE_KINDS) kind?: DeviceKind;
  @ApiPropertyOptional({ description: 'only lots still expecting deliveries' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  open?: boolean;
}

export class LotDto {
  @ApiProperty() id: string;
  @ApiProperty() modelId: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() manufacturer: string;
  @ApiProperty() model: string;
  @ApiProperty() supplier: string;
  @ApiProperty({ nullable: true, type: String }) consipConvention: string | null;
  @ApiProperty({ nullable: true, type: String }) consipLot: string | null;
  @ApiProperty() cig: string;
  @ApiProperty() orderNumber: string;
  @ApiProperty() orderDate: string;
  @ApiProperty({ nullable: true, type: String }) deliveryDate: string | null;
  @ApiProperty({ description: 'ordered' }) quantity: number;
  @ApiProperty({ description: 'assets received so far' }) received: number;
  @ApiProperty({ description: 'still expected' }) outstanding: number;
  @ApiProperty() unitPriceCents: number;
  @ApiProperty({ description: 'quantity × unit price' }) totalCents: number;
  @ApiProperty() warrantyMonths: number;
  @ApiProperty({ nullable: true, type: String }) warrantyEndsOn: string | null;
  @ApiProperty({ nullable: true, type: String }) sizeOverrideReason: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
}

export class LotDetailDto extends LotDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'received assets by state' }) byState: Record<string, number>;
}

export class CreatedLotDto {
  @ApiProperty({ type: LotDto }) lot: LotDto;
  @ApiProperty({ type: [WarningDto] }) warnings: WarningDto[];
}

export class LotPageDto {
  @ApiProperty({ type: [LotDto] }) items: LotDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ValidateSerialDto {
  @ApiProperty({ example: 'PF3ABC12' }) @IsString() @Length(1, 200) serial: string;
  @ApiPropertyOptional({ example: 'INV-0001234' }) @IsOptional() @IsString() @Length(1, 100) assetTag?: string;
}
