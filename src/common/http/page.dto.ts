import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/**
 * The query of every list: `limit`, and `cursor` from the previous page's `nextCursor`. A list's own query
 * extends this one (filters, sort); its page DTO has `items` and `nextCursor` (null on the last page).
 */
export class CursorQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(2000) cursor?: string;
}

/** `cursor` and the common `limit`; a list with another page size extends CursorQueryDto and declares its own. */
export class PageQueryDto extends CursorQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export interface Page<T> {
  items: T[];
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: string | null;
}

export const NEXT_CURSOR_DOC = { nullable: true, type: String, description: 'pass as cursor for the next page; null on the last page' } as const;
