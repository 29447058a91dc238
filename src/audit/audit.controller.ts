import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { pageOf, readCursor } from '../common/http/keyset-cursor';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditEventPageDto, AuditQueryDto, AuditVerifyDto } from './dto/audit.dto';
import { ApiErrors } from '../common/http/api-errors';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly repository: AuditRepository,
  ) {}

  @ApiErrors()
  @Get('verify')
  @Roles('admin', 'rtd')
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(): Promise<AuditVerifyDto> {
    return this.audit.verify();
  }

  @ApiErrors('INVALID_CURSOR')
  @Get('events')
  @Roles('admin')
  @ApiOkResponse({ type: AuditEventPageDto })
  async events(@Query() query: AuditQueryDto): Promise<AuditEventPageDto> {
    const limit = query.limit ?? 50;
    const after = readCursor(query.cursor, 'seq', 1, 'number');
    const rows = await this.repository.list({
      entityType: query.entityType,
      entityId: query.entityId,
      action: query.action,
      beforeSeq: after ? Number(after[0]) : undefined,
      limit: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      'seq',
      (r) => [Number(r.seq)],
      (r) => ({
        seq: Number(r.seq),
        occurredAt: r.occurredAt,
        actor: r.actor,
        actorRole: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        summary: JSON.parse(r.summary) as Record<string, unknown>,
        hash: r.hash,
      }),
    );
  }
}
