import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditEventPageDto, AuditQueryDto, AuditVerifyDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly repository: AuditRepository,
  ) {}

  @Get('verify')
  @Roles('admin', 'rtd')
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(): Promise<AuditVerifyDto> {
    return this.audit.verify();
  }

  @Get('events')
  @Roles('admin')
  @ApiOkResponse({ type: AuditEventPageDto })
  async events(@Query() query: AuditQueryDto): Promise<AuditEventPageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.list({ ...query, beforeSeq: query.before, limit });
    return {
      items: rows.map((r) => ({
        seq: Number(r.seq),
        occurredAt: r.occurredAt,
        actor: r.actor,
        actorRole: r.actorRole,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        summary: JSON.parse(r.summary) as Record<string, unknown>,
        hash: r.hash,
      })),
      nextBefore: rows.length === limit ? Number(rows[rows.length - 1].seq) : undefined,
    };
  }
}
