import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IMPORT_ERROR_LIMIT } from '../../common/csv/import-errors';

export class EmployeeImportQueryDto {
  @ApiPropertyOptional({ description: 'check only: report every problem and what would change, write nothing', default: false })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value,
  )
  @IsBoolean()
  dryRun?: boolean;
}

export class EmployeeImportErrorDto {
  @ApiProperty({ description: 'line in the file (the header is line 1)' }) line: number;
  @ApiProperty({ nullable: true, type: String, description: 'column name, or null for the whole line' }) column: string | null;
  @ApiProperty({ example: 'BAD_EMAIL' }) code: string;
  @ApiProperty() message: string;
}

export class EmployeeImportReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'true when the file has no error (a real run then wrote it)' }) valid: boolean;
  @ApiProperty({ description: 'data lines read' }) total: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [EmployeeImportErrorDto], description: `the first ${IMPORT_ERROR_LIMIT} errors` }) errors: EmployeeImportErrorDto[];
  @ApiProperty({ description: 'errors in the file in all' }) errorCount: number;
  @ApiProperty({ description: 'true when errors lists fewer than errorCount' }) truncated: boolean;
}
