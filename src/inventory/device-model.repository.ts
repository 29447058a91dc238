import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { DeviceKind } from './domain/device-kind';
import { DeviceModelEntity } from './device-model.entity';

@Injectable()
export class DeviceModelRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, model: DeviceModelEntity): Promise<void> {
    await tx.manager.insert(DeviceModelEntity, model);
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<DeviceModelEntity | null> {
    return manager.findOne(DeviceModelEntity, { where: { id } });
  }

  /** Case-insensitive: "lenovo / thinkpad t14" is the same model as "Lenovo / ThinkPad T14". */
  findByName(manager: EntityManager, manufacturer: string, model: string): Promise<DeviceModelEntity | null> {
    return manager
      .createQueryBuilder(DeviceModelEntity, 'm')
      .where('LOWER(m.manufacturer) = :manufacturer AND LOWER(m.model) = :model', {
        manufacturer: manufacturer.trim().toLowerCase(),
        model: model.trim().toLowerCase(),
      })
      .getOne();
  }

  /** The catalogue is small (tens of models): listed whole, ordered for people. */
  list(kind?: DeviceKind, manager: EntityManager = this.dataSource.manager): Promise<DeviceModelEntity[]> {
    const qb = manager.createQueryBuilder(DeviceModelEntity, 'm');
    if (kind) qb.where('m.kind = :kind', { kind });
    return qb.orderBy('m.kind').addOrderBy('m.manufacturer').addOrderBy('m.model').getMany();
  }
}
