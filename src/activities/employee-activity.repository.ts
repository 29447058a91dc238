import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ActivityEntity } from './activity.entity';
import { EmployeeActivityEntity } from './employee-activity.entity';

/** An employee's set of activity links (the aggregate is the set: it is replaced as a whole). */
@Injectable()
export class EmployeeActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async replace(tx: Tx, employeeId: string, activityIds: string[], nowIso: string): Promise<void> {
    await tx.manager.delete(EmployeeActivityEntity, { employeeId });
    const rows = activityIds.map((activityId) => ({ employeeId, activityId, createdAt: nowIso }));
    for (let i = 0; i < rows.length; i += 200) await tx.manager.insert(EmployeeActivityEntity, rows.slice(i, i + 200));
  }

  /** The activities linked to the employee, read inside the caller's transaction when given one. */
  linkedActivities(employeeId: string, tx?: Tx): Promise<ActivityEntity[]> {
    const manager = tx?.manager ?? this.dataSource.manager;
    return manager
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .innerJoin(EmployeeActivityEntity, 'l', 'l.activity_id = a.id')
      .where('l.employee_id = :employeeId', { employeeId })
      .orderBy('a.service_code', 'ASC')
      .addOrderBy('a.macro_activity', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .getMany();
  }
}
