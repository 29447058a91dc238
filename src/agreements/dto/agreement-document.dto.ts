import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { NEXT_CURSOR_DOC, PageQueryDto } from '../../common/http/page.dto';
import { AGREEMENT_STATES } from '../domain/agreement-state';

export class SignedDocumentDto {
  @ApiProperty() agreementId: string;
  @ApiProperty({ description: "SHA-256 (64 hex) of the uploaded bytes: now the agreement's documentSha256" }) sha256: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'actor id of who uploaded it' }) uploadedBy: string;
  @ApiProperty() uploadedAt: string;
}

export class SafetyNoticesDueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 366, default: 30, description: 'look this many days ahead from today' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class SafetyNoticeDueDto {
  @ApiProperty() agreementId: string;
  @ApiProperty() employeeId: string;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: string;
  @ApiProperty() deliveredOn: string;
  @ApiProperty({ description: 'first day the notice no longer counts: a new one must be delivered before' }) expiresOn: string;
}

export class SafetyNoticesDueDto {
  @ApiProperty({ type: [SafetyNoticeDueDto], description: 'binding agreements (signed, active, suspended), soonest first (ties by agreement id)' })
  items: SafetyNoticeDueDto[];
  @ApiPropertyOptional(NEXT_CURSOR_DOC) nextCursor: string | null;
}
