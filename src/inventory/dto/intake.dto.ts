import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { IMPORT_ERROR_LIMIT } from '../../common/csv/import-errors';
import { INTAKE_COLUMNS } from '../domain/intake.validator';

export class ImportQueryDto {
  @ApiProperty({ description: 'the purchase lot being received' }) @IsUUID() lotId: string;
  @ApiPropertyOptional({ description: 'validate only: list every bad row and write nothing', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true || value === '1')
  @IsBoolean()
  dryRun?: boolean;
}

export class IntakeErrorDto {
  @ApiProperty({ description: 'line in the file; the header is line 1' }) line: number;
  @ApiProperty({ nullable: true, type: String, enum: [...INTAKE_COLUMNS, null] }) column: string | null;
  @ApiProperty({
    enum: [
      'UNKNOWN_COLUMN',
      'MISSING_COLUMN',
      'REPEATED_COLUMN',
      'MALFORMED_ROW',
      'MISSING_FIELD',
      'MALFORMED_FIELD',
      'FIELD_NOT_ALLOWED',
      'UNKNOWN_MODEL',
      'AMBIGUOUS_MODEL',
      'WRONG_KIND',
      'DUPLICATE_IN_FILE',
      'DUPLICATE_IN_DATABASE',
      'LOT_OVERFLOW',
    ],
  })
  code: string;
  @ApiProperty() reason: string;
  @ApiPropertyOptional() value?: string;
}

export class ImportReportDto {
  @ApiProperty() lotId: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'true when every row is valid (and, on a real run, written)' }) ok: boolean;
  @ApiProperty({ description: 'data rows in the file' }) rows: number;
  @ApiProperty() validRows: number;
  @ApiProperty() invalidRows: number;
  @ApiProperty({ description: 'assets created (0 on a dry run)' }) created: number;
  @ApiProperty({ description: 'the lot after this import: received of ordered' }) lotReceived: number;
  @ApiProperty() lotQuantity: number;
  @ApiPropertyOptional({ description: 'asset tags given to the first and last created asset' }) firstAssetTag?: string;
  @ApiPropertyOptional() lastAssetTag?: string;
  @ApiProperty({ type: [IntakeErrorDto], description: `the first ${IMPORT_ERROR_LIMIT} errors` }) errors: IntakeErrorDto[];
  @ApiProperty({ description: 'errors in the file in all' }) errorCount: number;
  @ApiProperty({ description: 'true when errors lists fewer than errorCount' }) truncated: boolean;
}

export class SerialCheckDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'the serial as it will be stored' }) serial: string;
  @ApiProperty() lotReceived: number;
  @ApiProperty() lotQuantity: number;
  @ApiProperty({ type: [IntakeErrorDto] }) errors: IntakeErrorDto[];
}
