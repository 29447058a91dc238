import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { ServiceEntity } from './service.entity';

/** Services (organisational units) by code; other features use `ensure` to make sure one exists. */
@Injectable()
export class ServiceRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  /** The service with this code, created (active) when missing. Safe when two callers race: the code is unique. */
  async ensure(tx: Tx, code: string, name: string): Promise<ServiceEntity> {
    const now = this.clock.nowIso();
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(ServiceEntity)
      .values({ id: randomUUID(), code, name, active: true, createdAt: now, updatedAt: now })
      .orIgnore()
      .updateEntity(false)
      .execute();
    return tx.manager.getRepository(ServiceEntity).findOneByOrFail({ code });
  }

  async create(tx: Tx, entity: ServiceEntity): Promise<void> {
    if (await tx.manager.getRepository(ServiceEntity).existsBy({ code: entity.code })) {
      throw new Conflict('SERVICE_CODE_TAKEN', `A service with code ${entity.code} already exists`, { code: entity.code });
    }
    await tx.manager.createQueryBuilder().insert().into(ServiceEntity).values(entity).updateEntity(false).execute();
  }

  async insertMany(tx: Tx, entities: ServiceEntity[]): Promise<void> {
    if (entities.length) await tx.manager.createQueryBuilder().insert().into(ServiceEntity).values(entities).updateEntity(false).execute();
  }

  list(tx?: Tx): Promise<ServiceEntity[]> {
    return this.manager(tx)
      .getRepository(ServiceEntity)
      .find({ order: { code: 'ASC' } });
  }

  findByCode(code: string, tx?: Tx): Promise<ServiceEntity | null> {
    return this.manager(tx).getRepository(ServiceEntity).findOneBy({ code });
  }

  findByCodes(codes: string[], tx?: Tx): Promise<ServiceEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.manager(tx).getRepository(ServiceEntity).createQueryBuilder('s').where('s.code IN (:...codes)', { codes }).getMany();
  }

  findById(id: string, tx?: Tx): Promise<ServiceEntity | null> {
    return this.manager(tx).getRepository(ServiceEntity).findOneBy({ id });
  }

  async idsByCode(tx?: Tx): Promise<Map<string, string>> {
    const rows: { id: string; code: string }[] = await this.manager(tx)
      .createQueryBuilder(ServiceEntity, 's')
      .select('s.id', 'id')
      .addSelect('s.code', 'code')
      .getRawMany();
    return new Map(rows.map((r) => [r.code, r.id]));
  }
}
