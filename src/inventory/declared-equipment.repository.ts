import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { DeclaredEquipmentEntity } from './declared-equipment.entity';

@Injectable()
export class DeclaredEquipmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, row: DeclaredEquipmentEntity): Promise<void> {
    await tx.manager.insert(DeclaredEquipmentEntity, row);
  }

  forEmployee(employeeId: string, includeWithdrawn: boolean): Promise<DeclaredEquipmentEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(DeclaredEquipmentEntity, 'd').where('d.employee_id = :employeeId', { employeeId });
    if (!includeWithdrawn) qb.andWhere('d.withdrawn_at IS NULL');
    return qb.orderBy('d.declared_at', 'DESC').addOrderBy('d.id', 'DESC').getMany();
  }

  find(tx: Tx, employeeId: string, id: string): Promise<DeclaredEquipmentEntity | null> {
    return tx.manager.findOne(DeclaredEquipmentEntity, { where: { id, employeeId } });
  }

  async withdraw(tx: Tx, id: string, by: string, now: string): Promise<boolean> {
    const r = await tx.manager
      .createQueryBuilder()
      .update(DeclaredEquipmentEntity)
      .set({ withdrawnAt: now, withdrawnBy: by })
      .where('id = :id AND withdrawn_at IS NULL', { id })
      .execute();
    return (r.affected ?? 0) === 1;
  }
}
