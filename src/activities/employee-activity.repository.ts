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

  /** The activities linked to each of these employees, ordered as `linkedActivities`, in one query per 500 (employees without links are absent). */
  async linkedActivitiesOf(employeeIds: string[], tx?: Tx): Promise<Map<string, ActivityEntity[]>> {
    const manager = tx?.manager ?? this.dataSource.manager;
    const out = new Map<string, ActivityEntity[]>();
    for (let i = 0; i < employeeIds.length; i += 500) {
      const part = employeeIds.slice(i, i + 500);
      if (!part.length) continue;
      const { entities, raw } = await manager
        .getRepository(ActivityEntity)
        .createQueryBuilder('a')
        .innerJoin(EmployeeActivityEntity, 'l', 'l.activity_id = a.id')
        .addSelect('l.employee_id', 'link_employee_id')
        .where('l.employee_id IN (:...part)', { part })
        .orderBy('a.service_code', 'ASC')
        .addOrderBy('a.macro_activity', 'ASC')
        .addOrderBy('a.name', 'ASC')
        .getRawAndEntities<{ link_employee_id: string; a_id: string }>();
      const byId = new Map(entities.map((e) => [e.id, e]));
      for (const row of raw) {
        const activity = byId.get(row.a_id);
        if (!activity) continue;
        const list = out.get(row.link_employee_id) ?? [];
        list.push(activity);
        out.set(row.link_employee_id, list);
      }
    }
    return out;
  }
}
