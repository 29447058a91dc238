import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IMPORT_ERROR_LIMIT } from '../../common/csv/import-errors';
import { CursorQueryDto, NEXT_CURSOR_DOC } from '../../common/http/page.dto';
import { ACTIVITY_MODES, ActivityMode } from '../domain/activity-mode';

const toBool = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class ActivityImportQueryDto {
  @ApiPropertyOptional({ description: 'validate and report what would change, writing nothing' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportErrorDto {
  @ApiProperty({ description: 'line of the file (1 is the header)' }) line: number;
  @ApiProperty({ nullable: true, type: String }) column: string | null;
  @ApiProperty({ example: 'BAD_MODE' }) code: string;
  @ApiProperty() message: string;
}

export class ServiceRefDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ServiceNameDifferenceDto {
  @ApiProperty() code: string;
  @ApiProperty() nameInFile: string;
  @ApiProperty() nameInDirectory: string;
}

export class ActivityImportReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ description: 'false when any row is bad: then nothing is (or would be) written' }) valid: boolean;
  @ApiProperty({ enum: ['tsv', 'csv'] }) format: 'tsv' | 'csv';
  @ApiProperty({ description: 'data lines read, header excluded' }) rows: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty() unchanged: number;
  @ApiProperty({ type: [ServiceRefDto] }) servicesCreated: ServiceRefDto[];
  @ApiProperty({ type: [ServiceNameDifferenceDto], description: 'services that exist under another name; never renamed by an import' })
  serviceNameDifferences: ServiceNameDifferenceDto[];
  @ApiProperty({ type: [ImportErrorDto], description: `the first ${IMPORT_ERROR_LIMIT} errors` }) errors: ImportErrorDto[];
  @ApiProperty({ description: 'errors in the file in all' }) errorCount: number;
  @ApiProperty({ description: 'true when errors lists fewer than errorCount' }) truncated: boolean;
}

/** By service, macro-activity and name; `cursor` from the previous page's `nextCursor`. */
export class ActivityListQueryDto extends CursorQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 10) serviceCode?: string;
  @ApiPropertyOptional({ enum: ACTIVITY_MODES }) @IsOptional() @IsIn(ACTIVITY_MODES) mode?: ActivityMode;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) macroActivity?: string;
  @ApiPropertyOptional({ description: 'fully or partially remote' }) @IsOptional() @Transform(toBool) @IsBoolean() remoteCapable?: boolean;
  @ApiPropertyOptional({ description: 'text in the activity or macro-activity name' }) @IsOptional() @IsString() @Length(1, 100) q?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class ActivityDto {
  @ApiProperty() id: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty() macroActivity: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ACTIVITY_MODES }) mode: ActivityMode;
  @ApiProperty() remoteCapable: boolean;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
}

export class ActivityListDto {
  @ApiProperty({ type: [ActivityDto] }) items: ActivityDto[];
  @ApiProperty(NEXT_CURSOR_DOC) nextCursor: string | null;
}

export class ModeCountsDto {
  @ApiProperty() in_presence: number;
  @ApiProperty() fully_remote: number;
  @ApiProperty() partially_remote: number;
  @ApiProperty() outsourced: number;
}

export class SummaryCountsDto {
  @ApiProperty({ description: 'distinct service + macro-activity' }) macroActivities: number;
  @ApiProperty() activities: number;
  @ApiProperty({ description: 'fully_remote + partially_remote' }) remoteCapable: number;
  @ApiProperty({ type: ModeCountsDto }) byMode: ModeCountsDto;
}

export class ServiceSummaryDto extends SummaryCountsDto {
  @ApiProperty() serviceCode: string;
  @ApiProperty({ nullable: true, type: String }) serviceName: string | null;
}

export class DocumentFiguresDto {
  @ApiProperty() source: string;
  @ApiProperty() macroActivities: number;
  @ApiProperty() activities: number;
  @ApiProperty() remoteCapable: number;
}

export class TransversalSummaryDto {
  @ApiProperty({ description: 'transversal activities present in services (filled cells of the table)' }) activities: number;
  @ApiProperty({ description: 'fully_remote + partially_remote' }) remoteCapable: number;
  @ApiProperty({ description: 'services with at least one' }) services: number;
  @ApiProperty({ type: ModeCountsDto }) byMode: ModeCountsDto;
}

export class ActivitySummaryDto {
  @ApiProperty({ type: SummaryCountsDto }) totals: SummaryCountsDto;
  @ApiProperty({ type: [ServiceSummaryDto] }) services: ServiceSummaryDto[];
  @ApiProperty({ type: DocumentFiguresDto, description: 'what the seed document states about its own activity map' })
  documentFigures: DocumentFiguresDto;
  @ApiProperty({ type: [String], description: 'differences between the imported map and the document figures' }) notes: string[];
  @ApiProperty({ type: TransversalSummaryDto, description: "the 11 transversal activities, counted apart: the map's totals leave them out" })
  transversal: TransversalSummaryDto;
}

export class ReplaceEmployeeActivitiesDto {
  @ApiProperty({ type: [String], description: 'the complete set of activity ids (replaces the current links); [] removes all' })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  activityIds: string[];
}

export class EligibilityDto {
  @ApiProperty() employeeId: string;
  @ApiProperty({ description: 'linked to at least one fully or partially remote activity' }) eligible: boolean;
  @ApiProperty({ type: [ActivityDto], description: 'the linked activities that make the employee eligible' }) decidingActivities: ActivityDto[];
  @ApiProperty({ description: 'all linked activities, remote-capable or not' }) linkedActivities: number;
}
