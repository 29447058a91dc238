import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NEXT_CURSOR_DOC, PageQueryDto } from '../../common/http/page.dto';
import { CHAIN_BREAK_REASONS } from '../domain/audit-chain';

export class AuditBreakDto {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: CHAIN_BREAK_REASONS }) reason: string;
}

export class AuditVerifyDto {
  @ApiProperty({
    description: 'true when every event carries the HMAC of the chain key (or, before the chain was keyed, its SHA-256) and links to the previous one',
  })
  ok: boolean;
  @ApiProperty({ description: 'events checked' }) events: number;
  @ApiPropertyOptional({ type: AuditBreakDto }) brokenAt?: AuditBreakDto;
}

export class AuditEventDto {
  @ApiProperty() seq: number;
  @ApiProperty() occurredAt: string;
  @ApiProperty() actor: string;
  @ApiProperty() actorRole: string;
  @ApiProperty() action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) summary: Record<string, unknown>;
  @ApiProperty() hash: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

/** Newest first; `cursor` pages to older events. */
export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) @Matches(/^[a-z_]+$/) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(80) action?: string;
}
