import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ReturnTaskStatus } from './domain/return-task.status';
import { ReturnTaskClosedReason, ReturnTaskEntity } from './return-task.entity';

export interface ReturnTaskFilter {
  status?: ReturnTaskStatus;
  employeeId?: string;
  today: string;
  after?: { dueDate: string; id: string };
  limit: number;
}

@Injectable()
export class ReturnTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Idempotent per (case, asset): a second run of the same offboarding case opens nothing new. */
  async openMany(tx: Tx, tasks: ReturnTaskEntity[]): Promise<number> {
    if (!tasks.length) return 0;
    const before = await tx.manager.count(ReturnTaskEntity, { where: { caseId: tasks[0].caseId } });
    await tx.manager.createQueryBuilder().insert().into(ReturnTaskEntity).values(tasks).orIgnore().updateEntity(false).execute();
    const after = await tx.manager.count(ReturnTaskEntity, { where: { caseId: tasks[0].caseId } });
    return after - before;
  }

  /** Closes the open tasks of these assets (their return, or their loss, settles them). */
  async closeForAssets(tx: Tx, assetIds: string[], reason: ReturnTaskClosedReason, returnId: string | null, now: string): Promise<number> {
    if (!assetIds.length) return 0;
    const r = await tx.manager
      .createQueryBuilder()
      .update(ReturnTaskEntity)
      .set({ status: 'closed', closedAt: now, closedReason: reason, returnId })
      .where("asset_id IN (:...assetIds) AND status = 'open'", { assetIds })
      .execute();
    return r.affected ?? 0;
  }

  /** Due date ascending (most urgent first); keyset on (due_date, id). Overdue is derived from today. */
  list(filter: ReturnTaskFilter): Promise<ReturnTaskEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(ReturnTaskEntity, 't');
    if (filter.status === 'closed') qb.andWhere("t.status = 'closed'");
    if (filter.status === 'open') qb.andWhere("t.status = 'open' AND t.due_date >= :today", { today: filter.today });
    if (filter.status === 'overdue') qb.andWhere("t.status = 'open' AND t.due_date < :today", { today: filter.today });
    if (filter.employeeId) qb.andWhere('t.employee_id = :employeeId', { employeeId: filter.employeeId });
    if (filter.after) qb.andWhere('(t.due_date > :d OR (t.due_date = :d AND t.id > :afterId))', { d: filter.after.dueDate, afterId: filter.after.id });
    return qb
      .orderBy('t.due_date', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .limit(filter.limit + 1)
      .getMany();
  }
}
