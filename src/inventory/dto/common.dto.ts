import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Keyset pagination: `cursor` from the previous page's `nextCursor`; no ceiling on how far one can go. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'opaque cursor from the previous page' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class WarningDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}
