import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length } from 'class-validator';
import { MANAGER_DECISIONS, ManagerDecision } from '../domain/manager-approval.policy';

export class ManagerApprovalInputDto {
  @ApiProperty({ description: 'true: approve the request; false: refuse it (final: the hot-line then revokes it)' }) @IsBoolean() approve: boolean;
  @ApiPropertyOptional({ description: 'why (shown to the hot-line)' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class ManagerApprovalDto {
  @ApiProperty() accountId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty({ enum: MANAGER_DECISIONS }) decision: ManagerDecision;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ description: "the manager's actor id (employee:<id>)" }) decidedBy: string;
  @ApiProperty() decidedAt: string;
}
