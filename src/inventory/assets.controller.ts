import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { CSV_LIMITS_DOC } from '../common/csv/csv-reader';
import { uuidParam } from '../common/http/pipes';
import { AssetDto, AssetPageDto, AssetQueryDto, CreateAssetDto } from './dto/assets.dto';
import { AssetDetailDto, ReportAssetDto, ReportResultDto } from './dto/incidents.dto';
import { ImportQueryDto, ImportReportDto } from './dto/intake.dto';
import { AssetIncidentsService } from './asset-incidents.service';
import { AssetIntakeService } from './asset-intake.service';
import { AssetsService } from './assets.service';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/v1/assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly intake: AssetIntakeService,
    private readonly incidents: AssetIncidentsService,
  ) {}

  @ApiErrors(
    'ASSET_NOT_FOUND',
    'DUPLICATE_ASSET',
    'DUPLICATE_ASSET_TAG',
    'DUPLICATE_ICCID',
    'DUPLICATE_SERIAL',
    'LOT_FULL',
    'LOT_NOT_FOUND',
    'MODEL_NOT_FOUND',
    'SIM_NOT_ALLOWED',
    'WRONG_KIND',
  )
  @Post()
  @Roles('technician')
  @ApiCreatedResponse({ type: AssetDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateAssetDto): Promise<AssetDto> {
    return this.assets.create(actor, body);
  }

  /**
   * Receives a lot from a CSV (Content-Type text/csv) with columns serial, asset_tag?, model?, manufacturer?,
   * kind?, mac?, iccid?, phone_number?, data_plan?, location?, notes?. `dryRun=true` lists every bad row and
   * writes nothing; otherwise all rows are written or none (422 IMPORT_REJECTED with the same list).
   */
  @ApiErrors(
    'CSV_LINE_TOO_LONG',
    'CSV_MALFORMED',
    'CSV_RECORD_TOO_LONG',
    'CSV_TOO_MANY_COLUMNS',
    'DUPLICATE_ASSET',
    'EMPTY_FILE',
    'IMPORT_REJECTED',
    'LOT_CHANGED',
    'LOT_NOT_FOUND',
    'TOO_MANY_ROWS',
  )
  @Post('import')
  @HttpCode(200)
  @Roles('technician')
  @ApiConsumes('text/csv')
  @ApiBody({ description: CSV_LIMITS_DOC, schema: { type: 'string', example: 'serial,asset_tag\nPF3ABC01,\nPF3ABC02,INV-X-2\n' } })
  @ApiOkResponse({ type: ImportReportDto })
  import(@CurrentActor() actor: Actor, @Query() query: ImportQueryDto, @Body() body: unknown): Promise<ImportReportDto> {
    return this.intake.import(actor, query.lotId, body, query.dryRun ?? false);
  }

  /** Assets name their holder: the desks only; the RTD reads stock and planning figures (GET /api/v1/inventory/*). */
  @ApiErrors('INVALID_CURSOR')
  @Get()
  @Roles('technician', 'hotline')
  @ApiOkResponse({ type: AssetPageDto })
  list(@Query() query: AssetQueryDto): Promise<AssetPageDto> {
    return this.assets.list(query);
  }

  @ApiErrors('ASSET_NOT_FOUND', 'INVALID_ID')
  @Get(':id')
  @Roles('technician', 'hotline')
  @ApiOkResponse({ type: AssetDetailDto })
  get(@Param('id', uuidParam()) id: string): Promise<AssetDetailDto> {
    return this.assets.get(id);
  }

  @ApiErrors(
    'ASSET_CHANGED',
    'ASSET_NOT_FOUND',
    'ASSET_NOT_IN_HANDOVER',
    'DATA_WIPE_REQUIRED',
    'DISPOSAL_CERTIFICATE_REQUIRED',
    'ERASURE_REQUIRED',
    'INVALID_ID',
    'INVALID_STATE_TRANSITION',
    'ITEM_ALREADY_CLOSED',
    'PERSONAL_ASSET',
    'QUEUE_UNAVAILABLE',
    'REPORTED_AT_IN_FUTURE',
  )
  @Post(':id/report')
  @Roles('technician')
  @ApiCreatedResponse({ type: ReportResultDto })
  report(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string, @Body() body: ReportAssetDto): Promise<ReportResultDto> {
    return this.incidents.report(actor, id, body);
  }
}
