import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { EmployeeEntity } from '../directory';

/**
 * Read-only access to the directory's `employees` table for activities and agreements (the directory module owns
 * the writes). `lock`: on PostgreSQL, the row lock that serialises per-employee decisions (links, agreement
 * overlap) between concurrent requests; SQLite serialises every unit of work already.
 */
@Injectable()
export class EmployeeLookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  findById(id: string, tx?: Tx): Promise<EmployeeEntity | null> {
    return this.manager(tx).getRepository(EmployeeEntity).findOne({ where: { id } });
  }

  async lock(tx: Tx, id: string): Promise<EmployeeEntity | null> {
    const qb = tx.manager.getRepository(EmployeeEntity).createQueryBuilder('e').where('e.id = :id', { id });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }
}
