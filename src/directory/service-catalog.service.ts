import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { ServiceDto } from './dto/service.dto';
import { ServiceEntity } from './service.entity';
import { ServiceRepository } from './service.repository';
import { isUniqueViolation } from '../database/unique-violation';

const view = (s: ServiceEntity): ServiceDto => ({
  id: s.id,
  code: s.code,
  name: s.name,
  active: Boolean(s.active),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** Creating and listing services (organisational units). */
@Injectable()
export class ServiceCatalog {
  constructor(
    private readonly services: ServiceRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, input: { code: string; name: string }): Promise<ServiceDto> {
    const now = this.clock.nowIso();
    const entity: ServiceEntity = { id: randomUUID(), code: input.code, name: input.name, active: true, createdAt: now, updatedAt: now };
    try {
      await this.uow.run(async (tx) => {
        await this.services.create(tx, entity);
        await this.audit.record(tx, actor, {
          action: 'service.created',
          entityType: 'service',
          entityId: entity.id,
          summary: { code: entity.code, name: entity.name },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict('SERVICE_CODE_TAKEN', `A service with code ${entity.code} already exists`, { code: entity.code });
      throw err;
    }
    return view(entity);
  }

  async list(): Promise<ServiceDto[]> {
    return (await this.services.list()).map(view);
  }
}
