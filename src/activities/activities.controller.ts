import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CSV_LIMITS_DOC } from '../common/csv/csv-reader';
import { ActivitiesService } from './activities.service';
import { ActivityImportService } from './activity-import.service';
import { ActivityImportQueryDto, ActivityImportReportDto, ActivityListDto, ActivityListQueryDto, ActivitySummaryDto } from './dto/activities.dto';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('activities')
@ApiBearerAuth()
@Controller('api/v1/activities')
export class ActivitiesController {
  constructor(
    private readonly importer: ActivityImportService,
    private readonly activities: ActivitiesService,
  ) {}

  @ApiErrors('ACTIVITY_IMPORT_INVALID', 'CSV_LINE_TOO_LONG', 'CSV_RECORD_TOO_LONG', 'CSV_TOO_MANY_COLUMNS', 'IMPORT_BODY_REQUIRED')
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'hr')
  @ApiConsumes('text/tab-separated-values', 'text/csv', 'text/plain')
  @ApiBody({
    description: `the activity map in the format of data/activity-map.tsv (TSV or CSV, header line first). ${CSV_LIMITS_DOC}`,
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: ActivityImportReportDto })
  import(@CurrentActor() actor: Actor, @Body() body: unknown, @Query() query: ActivityImportQueryDto): Promise<ActivityImportReportDto> {
    return this.importer.import(actor, body, query.dryRun ?? false);
  }

  @ApiErrors('TRANSVERSAL_IMPORT_INVALID', 'CSV_LINE_TOO_LONG', 'CSV_RECORD_TOO_LONG', 'CSV_TOO_MANY_COLUMNS', 'IMPORT_BODY_REQUIRED')
  @Post('transversal/import')
  @HttpCode(200)
  @Roles('admin', 'hr')
  @ApiConsumes('text/tab-separated-values', 'text/csv', 'text/plain')
  @ApiBody({
    description: `the 11 transversal activities by service (Allegato 1, last table) in the format of data/transversal-activities.tsv: service_code, service, then one column per activity with T (fully remote), P (partially), N (in presence) or empty (not in that service). ${CSV_LIMITS_DOC}`,
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: ActivityImportReportDto })
  importTransversal(@CurrentActor() actor: Actor, @Body() body: unknown, @Query() query: ActivityImportQueryDto): Promise<ActivityImportReportDto> {
    return this.importer.importTransversal(actor, body, query.dryRun ?? false);
  }

  @ApiErrors()
  @Get('summary')
  @Roles('admin', 'hr', 'manager', 'rtd')
  @ApiOkResponse({ type: ActivitySummaryDto })
  summary(): Promise<ActivitySummaryDto> {
    return this.activities.summary();
  }

  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('admin', 'hr', 'manager', 'rtd')
  @ApiOkResponse({ type: ActivityListDto })
  list(@Query() query: ActivityListQueryDto): Promise<ActivityListDto> {
    return this.activities.list(query);
  }
}
