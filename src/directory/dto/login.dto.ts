import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ description: 'directory login (uid / sAMAccountName)', example: 'mrossi' }) @IsString() @MaxLength(256) username: string;
  @ApiProperty({ description: 'directory password; never stored or logged' }) @IsString() @MaxLength(1024) password: string;
}

export class LoginResultDto {
  @ApiProperty({ description: 'bearer token, shown once' }) token: string;
  @ApiProperty({ enum: ['admin', 'technician', 'hotline', 'hr', 'manager', 'rtd'] }) role: string;
  @ApiProperty() expiresAt: string;
}
