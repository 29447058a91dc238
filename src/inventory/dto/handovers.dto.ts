import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { DEVICE_KINDS, DeviceKind } from '../domain/device-kind';
import { RETURN_CONDITIONS, ReturnCondition } from '../domain/return.rules';
import { PageQueryDto } from '../../common/http/page.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;

export class CreateHandoverDto {
  @ApiProperty() @IsUUID() employeeId: string;
  @ApiProperty({ type: [String], description: 'the kit: one or more assets, handed over in one operation' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  assetIds: string[];
  @ApiPropertyOptional({ description: 'condition of the items at handover (on the receipt)', example: 'Nuovi, in confezione originale' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  conditions?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) notes?: string;
}

export class SignHandoverDto {
  @ApiProperty({ enum: ['employee', 'technician'] }) @IsIn(['employee', 'technician']) signedBy: 'employee' | 'technician';
  @ApiPropertyOptional({ description: 'SHA-256 (hex) of the scanned signed receipt, when uploaded elsewhere' })
  @IsOptional()
  @Matches(SHA256, { message: 'signedScanSha256 must be 64 lower-case hex characters' })
  signedScanSha256?: string;
}

export class ReturnItemDto {
  @ApiProperty() @IsUUID() assetId: string;
  @ApiProperty({ enum: RETURN_CONDITIONS, description: 'damaged items go to repair' }) @IsIn(RETURN_CONDITIONS) condition: ReturnCondition;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) note?: string;
}

export class DataWipeDto {
  @ApiProperty() @IsUUID() assetId: string;
  @ApiProperty({ example: 'NIST SP 800-88 purge (secure erase SSD)' }) @IsString() @Length(3, 200) method: string;
  @ApiProperty({ description: 'must be true: the technician confirms the wipe was done and verified' })
  @IsBoolean()
  @Equals(true, { message: 'confirmed must be true' })
  confirmed: boolean;
  @ApiPropertyOptional({ example: 'WIPE-2025-0012' }) @IsOptional() @IsString() @Length(1, 200) reference?: string;
}

export class ReturnHandoverDto {
  @ApiProperty({ type: [ReturnItemDto], description: 'all or some of the items still out' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReturnItemDto)
  items: ReturnItemDto[];
  @ApiPropertyOptional({ type: [DataWipeDto], description: 'one per laptop returned (required for laptops)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DataWipeDto)
  dataWipe?: DataWipeDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) notes?: string;
}

export class HandoverQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assetId?: string;
  @ApiPropertyOptional({ enum: ['open', 'partially_returned', 'closed'] }) @IsOptional() @IsIn(['open', 'partially_returned', 'closed']) status?:
    'open' | 'partially_returned' | 'closed';
  @ApiPropertyOptional({ description: 'technician (actor id)' }) @IsOptional() @IsString() @Length(1, 200) technicianId?: string;
  @ApiPropertyOptional({ description: 'from date (YYYY-MM-DD, inclusive)' }) @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional({ description: 'to date (YYYY-MM-DD, inclusive)' }) @IsOptional() @Matches(DATE) to?: string;
}

export class HandoverItemDto {
  @ApiProperty() assetId: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() manufacturer: string;
  @ApiProperty() model: string;
  @ApiProperty() serial: string;
  @ApiProperty() assetTag: string;
  @ApiProperty({ nullable: true, type: String, enum: ['returned', 'lost', 'stolen', null] }) closedReason: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) returnId: string | null;
  @ApiProperty({ nullable: true, type: String, enum: [...RETURN_CONDITIONS, null] }) returnCondition: string | null;
}

export class HandoverReturnDto {
  @ApiProperty() id: string;
  @ApiProperty() returnedAt: string;
  @ApiProperty() returnDate: string;
  @ApiProperty() technicianId: string;
  @ApiProperty() technicianName: string;
  @ApiProperty({ type: [String] }) assetIds: string[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) dataWipe: { assetId: string; method: string; confirmed: boolean; reference: string | null }[];
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() receiptSha256: string;
  @ApiProperty() receiptUrl: string;
}

export class HandoverDto {
  @ApiProperty() id: string;
  @ApiProperty() employeeId: string;
  @ApiProperty() technicianId: string;
  @ApiProperty() technicianName: string;
  @ApiProperty() handedAt: string;
  @ApiProperty() handoverDate: string;
  @ApiProperty({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ description: 'the kit held a gated kind and passed the provisioning gate' }) gated: boolean;
  @ApiProperty({ nullable: true, type: String }) gateAgreementId: string | null;
  @ApiProperty({ enum: ['open', 'partially_returned', 'closed'] }) status: string;
  @ApiProperty() itemsCount: number;
  @ApiProperty() outstandingCount: number;
  @ApiProperty({ description: 'SHA-256 of the receipt PDF' }) receiptSha256: string;
  @ApiProperty() receiptUrl: string;
  @ApiProperty({ nullable: true, type: String }) employeeSignedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) technicianSignedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) signedScanSha256: string | null;
  @ApiProperty({ type: [HandoverItemDto] }) items: HandoverItemDto[];
}

export class HandoverDetailDto extends HandoverDto {
  @ApiProperty({ type: [HandoverReturnDto] }) returns: HandoverReturnDto[];
}

export class HandoverPageDto {
  @ApiProperty({ type: [HandoverDto] }) items: HandoverDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ReturnResultDto {
  @ApiProperty({ type: HandoverReturnDto }) return: HandoverReturnDto;
  @ApiProperty({ type: HandoverDetailDto }) handover: HandoverDetailDto;
}

export class HandoverCheckQueryDto {
  @ApiProperty({ description: 'the employee who would receive the asset' }) @IsUUID() employeeId: string;
  @ApiProperty({ description: 'the scanned asset' }) @IsUUID() assetId: string;
}

export const HANDOVER_CHECK_REFUSALS = ['ASSET_NOT_MUNICIPAL', 'ASSET_NOT_AVAILABLE', 'GATE_REFUSED'] as const;
export type HandoverCheckRefusal = (typeof HANDOVER_CHECK_REFUSALS)[number];

/** Whether one asset could be handed to one employee now: the same rules as POST /handovers, nothing changed. */
export class HandoverCheckDto {
  @ApiProperty() employeeId: string;
  @ApiProperty() assetId: string;
  @ApiProperty() assetTag: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty({ description: 'the asset state today' }) state: string;
  @ApiProperty({ nullable: true, type: String, description: 'who holds it now, when someone does' }) holderEmployeeId: string | null;
  @ApiProperty({ description: 'the kind goes through the provisioning gate (laptop, docking station, mobile router)' }) gated: boolean;
  @ApiProperty() allowed: boolean;
  @ApiProperty({ enum: HANDOVER_CHECK_REFUSALS, isArray: true, description: 'every reason the asset cannot go to the employee' })
  refusals: HandoverCheckRefusal[];
  @ApiProperty({ type: [String], description: 'the gate refusal codes (GET /employees/:id/provisioning-status explains them), when GATE_REFUSED' })
  gateRefusals: string[];
}
