import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { Transform } from 'class-transformer';
import { ROLES, Role, TOKEN_ROLES, TokenRole } from '../../common/auth/roles';

export class CreateTokenDto {
  @ApiProperty({ example: 'hotline-desk-1' }) @IsString() @Length(1, 120) name: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: Role;
  @ApiPropertyOptional({ description: 'ISO-8601 instant; omit for a token that does not expire' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class TokenListQueryDto {
  @ApiPropertyOptional() @IsOptional() @Transform(({ value }: { value: unknown }) => value === 'true' || value === true) @IsBoolean() includeRevoked?: boolean;
}

export class TokenDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_ROLES }) role: TokenRole;
  @ApiProperty({ enum: ['api', 'session'] }) kind: 'api' | 'session';
  @ApiProperty({ nullable: true, type: String }) subject: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "a session's parent: the API token or directory-login session it was opened from; it ends with it",
  })
  parentTokenId: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt: string | null;
}

export class CreatedTokenDto {
  @ApiProperty({ description: 'the bearer token, shown this once and never again' }) token: string;
  @ApiProperty({ type: TokenDto }) details: TokenDto;
}

export class WhoAmIDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: TOKEN_ROLES }) role: string;
}
