import { ApiProperty } from '@nestjs/swagger';

export class WarningDto {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}
