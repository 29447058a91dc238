import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { NEXT_CURSOR_DOC, PageQueryDto } from '../../common/http/page.dto';

/** Newest first; `cursor` from the previous page's `nextCursor`. */
export class OffboardingCaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'] }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
  @ApiPropertyOptional() @IsOptional() @IsUUID('4') employeeId?: string;
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
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}
