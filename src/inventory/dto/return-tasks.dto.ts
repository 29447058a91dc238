import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/http/page.dto';

export class ReturnTaskQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'overdue', 'closed'], description: 'open: not yet due; overdue: past due and not returned' })
  @IsOptional()
  @IsIn(['open', 'overdue', 'closed'])
  status?: 'open' | 'overdue' | 'closed';
  @ApiPropertyOptional() @IsOptional() @IsUUID() employeeId?: string;
}

export class ReturnTaskDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty() assetId: string;
  @ApiProperty({ nullable: true, type: String }) handoverId: string | null;
  @ApiProperty() trigger: string;
  @ApiProperty() effectiveDate: string;
  @ApiProperty() dueDate: string;
  @ApiProperty({ enum: ['open', 'overdue', 'closed'] }) status: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty() openedAt: string;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['returned', 'lost', 'stolen', null] }) closedReason: string | null;
  @ApiProperty({ nullable: true, type: String }) returnId: string | null;
}

export class ReturnTaskPageDto {
  @ApiProperty({ type: [ReturnTaskDto] }) items: ReturnTaskDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
