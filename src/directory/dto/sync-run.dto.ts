import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CursorQueryDto, NEXT_CURSOR_DOC } from '../../common/http/page.dto';

export class SyncQueryDto {
  @ApiPropertyOptional({ description: 'run now and answer with the finished run (else: queued, 202)', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value,
  )
  @IsBoolean()
  wait?: boolean;

  @ApiPropertyOptional({
    enum: ['full', 'incremental'],
    default: 'full',
    description: 'full: read everyone (finds deletions); incremental: only what changed since the last run (a full read when that cannot be trusted)',
  })
  @IsOptional()
  @IsIn(['full', 'incremental'])
  mode?: 'full' | 'incremental';
}

/** Newest first; `cursor` from the previous page's `nextCursor`. */
export class SyncRunListQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ enum: ['queued', 'running', 'ok', 'refused', 'failed'] })
  @IsOptional()
  @IsIn(['queued', 'running', 'ok', 'refused', 'failed'])
  status?: 'queued' | 'running' | 'ok' | 'refused' | 'failed';
}

export class SyncErrorDto {
  @ApiProperty({ nullable: true, type: String }) dn: string | null;
  @ApiProperty({ nullable: true, type: String }) key: string | null;
  @ApiProperty() field: string;
  @ApiProperty() reason: string;
}

/**
 * A run as the RTD reads it: what happened, in counts. Not the errors (they name directory entries, i.e. people),
 * the failure text (it may quote one) nor who asked; admins read SyncRunDto.
 */
export class SyncRunSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['queued', 'running', 'ok', 'refused', 'failed'] }) status: string;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger: string;
  @ApiProperty({ enum: ['full', 'incremental'], description: 'what the run read (asked for while queued)' }) kind: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why this kind: asked for, scheduled reconciliation, or why an incremental run had to read everything',
  })
  kindReason: string | null;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ description: 'entries the directory returned' }) directoryEntries: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() deactivated: number;
  @ApiProperty() reactivated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() skipped: number;
  @ApiProperty() errorCount: number;
  @ApiProperty({ nullable: true, type: Number }) durationMs: number | null;
}

export class SyncRunDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['queued', 'running', 'ok', 'refused', 'failed'] }) status: string;
  @ApiProperty({ enum: ['manual', 'schedule'] }) trigger: string;
  @ApiProperty({ enum: ['full', 'incremental'], description: 'what the run read (asked for while queued)' }) kind: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why this kind: asked for, scheduled reconciliation, or why an incremental run had to read everything',
  })
  kindReason: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['usn', 'entryCSN', 'modifyTimestamp', 'none'] }) changeTracking: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'where the next incremental run starts (USN or entryCSN); null when this run left none' })
  watermark: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the server that answered (AD: dsServiceName|invocationId)' }) directoryIdentity: string | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ description: 'entries the directory returned' }) directoryEntries: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() deactivated: number;
  @ApiProperty() reactivated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty() skipped: number;
  @ApiProperty({ type: [SyncErrorDto], description: 'the first 200 problems' }) errors: SyncErrorDto[];
  @ApiProperty() errorCount: number;
  @ApiProperty({ nullable: true, type: Number }) durationMs: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'why a refused run changed nothing (counts say what it would have done)' }) refusalReason:
    string | null;
  @ApiProperty({ nullable: true, type: String }) failure: string | null;
}

export class SyncRunPageDto {
  @ApiProperty({ type: [SyncRunDto] }) items: SyncRunDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

export class SyncRunSummaryPageDto {
  @ApiProperty({ type: [SyncRunSummaryDto] }) items: SyncRunSummaryDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}
