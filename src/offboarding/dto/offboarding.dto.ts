import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class OffboardingCaseListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') employeeId?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0, maximum: 1_000_000_000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(1_000_000_000) offset?: number;
}

export class OffboardingStepDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['pending', 'done', 'failed'], description: 'pending: registered but not attempted on this case yet' })
  status: 'pending' | 'done' | 'failed';
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: Object, description: 'what the step reported when it succeeded' }) result: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ nullable: true, type: String }) doneAt: string | null;
}

export class OffboardingCaseDto {
  @ApiProperty() id: string;
  @ApiProperty() employeeId: string;
  @ApiProperty({ enum: ['agreement_ended', 'left_directory'] }) trigger: string;
  @ApiProperty({ nullable: true, type: String }) agreementId: string | null;
  @ApiProperty({ description: 'calendar date the trigger took effect' }) effectiveDate: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ description: 'times the job worked on the case, retries included' }) runs: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ type: [OffboardingStepDto] }) steps: OffboardingStepDto[];
}

export class OffboardingCaseListDto {
  @ApiProperty({ type: [OffboardingCaseDto] }) items: OffboardingCaseDto[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
