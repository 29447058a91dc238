import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { DeviceKind } from './domain/device-kind';
import { CreateDeviceModelDto, DeviceModelDto } from './dto/models.dto';
import { isUniqueViolation } from '../database/unique-violation';
import { toModelDto } from './inventory.mapper';
import { DeviceModelRepository } from './device-model.repository';

@Injectable()
export class DeviceModelsService {
  constructor(
    private readonly models: DeviceModelRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateDeviceModelDto): Promise<DeviceModelDto> {
    const now = this.clock.nowIso();
    const entity = {
      id: randomUUID(),
      kind: dto.kind,
      manufacturer: dto.manufacturer.trim(),
      model: dto.model.trim(),
      specs: JSON.stringify(dto.specs ?? {}),
      createdAt: now,
      updatedAt: now,
    };
    const duplicate = () =>
      new Conflict('DUPLICATE_MODEL', `${entity.manufacturer} ${entity.model} is already registered`, {
        manufacturer: entity.manufacturer,
        model: entity.model,
      });
    try {
      await this.uow.run(async (tx) => {
        if (await this.models.findByName(tx.manager, entity.manufacturer, entity.model)) throw duplicate();
        await this.models.insert(tx, entity);
        await this.audit.record(tx, actor, {
          action: 'model.created',
          entityType: 'device_model',
          entityId: entity.id,
          summary: { kind: entity.kind, manufacturer: entity.manufacturer, model: entity.model },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw duplicate();
      throw err;
    }
    return toModelDto(entity);
  }

  async list(kind?: DeviceKind): Promise<DeviceModelDto[]> {
    return (await this.models.list(kind)).map(toModelDto);
  }
}
