import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../common/auth/access.decorators';
import { Actor } from '../common/auth/roles';
import { NotFound } from '../common/errors/domain-error';
import { pageOf, readCursor } from '../common/http/keyset-cursor';
import { Page } from '../common/http/page.dto';
import { uuidParam } from '../common/http/pipes';
import { syncRunFor, toSyncRunDto } from './sync-run.mapper';
import { DirectorySyncRunRepository } from './directory-sync-run.repository';
import { DirectorySyncService } from './directory-sync.service';
import { ApiResponseByRole, RoleVariant } from '../common/http/api-response-by-role';
import { SyncQueryDto, SyncRunDto, SyncRunListQueryDto, SyncRunPageDto, SyncRunSummaryDto, SyncRunSummaryPageDto } from './dto/sync-run.dto';
import { ApiErrors } from '../common/http/api-errors';

const SYNC_RUN_BY_ROLE: RoleVariant[] = [
  { roles: ['admin'], type: SyncRunDto },
  { roles: 'others', type: SyncRunSummaryDto },
];
const SYNC_RUN_PAGE_BY_ROLE: RoleVariant[] = [
  { roles: ['admin'], type: SyncRunPageDto },
  { roles: 'others', type: SyncRunSummaryPageDto },
];

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/directory')
export class DirectorySyncController {
  constructor(
    private readonly sync: DirectorySyncService,
    private readonly runs: DirectorySyncRunRepository,
  ) {}

  @ApiErrors('CSR_MALFORMED', 'DIRECTORY_NOT_CONFIGURED', 'DIRECTORY_UNAVAILABLE', 'SYNC_IN_PROGRESS')
  @Post('sync')
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sync employees from the directory',
    description:
      'Queues a run (202; a run already queued is returned instead of a second one) or, with wait=true, runs it now and answers 200 ' +
      'with the finished run: status ok, refused (the safety limit: nothing changed, refusalReason says why) or failed. ' +
      'mode=full (default) reads everyone and finds deletions; mode=incremental asks only for what changed since the last good run ' +
      '(kind and kindReason of the run say what it did and why). ' +
      '409 DIRECTORY_NOT_CONFIGURED without LDAP_URL; 409 SYNC_IN_PROGRESS while another run holds the slot.',
  })
  @ApiOkResponse({ type: SyncRunDto })
  async start(@CurrentActor() actor: Actor, @Query() query: SyncQueryDto, @Res({ passthrough: true }) res: Response): Promise<SyncRunDto> {
    if (query.wait) {
      res.status(200);
      return toSyncRunDto(await this.sync.runNow(actor, 'manual', query.mode ?? 'full'));
    }
    return toSyncRunDto(await this.sync.request(actor, 'manual', query.mode ?? 'full'));
  }

  @ApiErrors('INVALID_CURSOR')
  @Get('sync-runs')
  @Roles('admin', 'rtd')
  @ApiResponseByRole(200, SYNC_RUN_PAGE_BY_ROLE)
  async list(@CurrentActor() actor: Actor, @Query() query: SyncRunListQueryDto): Promise<Page<SyncRunDto | SyncRunSummaryDto>> {
    const limit = query.limit ?? 20;
    const rows = await this.runs.list(limit + 1, query.status, readCursor(query.cursor, '-requestedAt', 2));
    return pageOf(
      rows,
      limit,
      '-requestedAt',
      (r) => [r.requestedAt, r.id],
      (r) => syncRunFor(actor, r),
    );
  }

  @ApiErrors('INVALID_ID', 'SYNC_RUN_NOT_FOUND')
  @Get('sync-runs/:id')
  @Roles('admin', 'rtd')
  @ApiResponseByRole(200, SYNC_RUN_BY_ROLE)
  async get(@CurrentActor() actor: Actor, @Param('id', uuidParam()) id: string): Promise<SyncRunDto | SyncRunSummaryDto> {
    const run = await this.runs.findById(id);
    if (!run) throw NotFound.entity('SYNC_RUN_NOT_FOUND', 'sync_run', id);
    return syncRunFor(actor, run);
  }
}
