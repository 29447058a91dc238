import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class OwnProfileQueryDto {
  @ApiPropertyOptional({ description: 'one of their VPN accounts; omit when they have a single account with a certificate' })
  @IsOptional()
  @IsUUID()
  accountId?: string;
}
