import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { KpiDeclaredValueEntity } from './kpi-declared-value.entity';

/** The values the RTD declared: one row per year and indicator. */
@Injectable()
export class DeclaredValuesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  forYear(year: number, tx?: Tx): Promise<KpiDeclaredValueEntity[]> {
    return this.manager(tx)
      .getRepository(KpiDeclaredValueEntity)
      .find({ where: { year }, order: { indicator: 'ASC' } });
  }

  /** Read inside the writing transaction; on PostgreSQL the row stays locked until it ends. */
  async lock(tx: Tx, year: number, indicator: string): Promise<KpiDeclaredValueEntity | null> {
    const qb = tx.manager
      .getRepository(KpiDeclaredValueEntity)
      .createQueryBuilder('d')
      .where('d.year = :year AND d.indicator = :indicator', { year, indicator });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async save(tx: Tx, row: KpiDeclaredValueEntity): Promise<void> {
    await tx.manager.getRepository(KpiDeclaredValueEntity).save(row);
  }

  async delete(tx: Tx, year: number, indicator: string): Promise<void> {
    await tx.manager.getRepository(KpiDeclaredValueEntity).delete({ year, indicator });
  }
}
