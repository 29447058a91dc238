import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { keysetCondition, KeyValue } from '../common/http/keyset-cursor';
import { Tx } from '../database/unit-of-work';
import { DirectorySyncRunEntity, SyncRunStatus } from './directory-sync-run.entity';

@Injectable()
export class DirectorySyncRunRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async insert(tx: Tx, run: DirectorySyncRunEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(DirectorySyncRunEntity).values(run).updateEntity(false).execute();
  }

  /** Takes the running slot for a queued run; false when it is not queued (already taken) any more. */
  async claim(tx: Tx, id: string, startedAt: string): Promise<boolean> {
    const r = await tx.manager
      .createQueryBuilder()
      .update(DirectorySyncRunEntity)
      .set({ status: 'running', startedAt, runningSlot: 1 })
      .where("id = :id AND status = 'queued'", { id })
      .updateEntity(false)
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async finish(tx: Tx, id: string, values: Partial<DirectorySyncRunEntity>): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .update(DirectorySyncRunEntity)
      .set({ ...values, runningSlot: null })
      .where('id = :id', { id })
      .updateEntity(false)
      .execute();
  }

  findById(id: string, tx?: Tx): Promise<DirectorySyncRunEntity | null> {
    return this.manager(tx).getRepository(DirectorySyncRunEntity).findOneBy({ id });
  }

  findRunning(tx?: Tx): Promise<DirectorySyncRunEntity | null> {
    return this.manager(tx).getRepository(DirectorySyncRunEntity).findOneBy({ runningSlot: 1 });
  }

  findQueued(tx?: Tx): Promise<DirectorySyncRunEntity | null> {
    return this.manager(tx)
      .getRepository(DirectorySyncRunEntity)
      .findOne({ where: { status: 'queued' }, order: { requestedAt: 'ASC' } });
  }

  /** The latest good run that left a watermark: where the next incremental run may start. */
  lastWatermarked(tx?: Tx): Promise<DirectorySyncRunEntity | null> {
    return this.manager(tx)
      .getRepository(DirectorySyncRunEntity)
      .createQueryBuilder('r')
      .where("r.status = 'ok' AND r.watermark IS NOT NULL")
      .orderBy('r.finished_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getOne();
  }

  /** Newest first, keyset by (requested_at, id); `limit` rows (the page size + 1). */
  list(limit: number, status?: SyncRunStatus, after?: KeyValue[]): Promise<DirectorySyncRunEntity[]> {
    const qb = this.manager().getRepository(DirectorySyncRunEntity).createQueryBuilder('r');
    if (status) qb.andWhere('r.status = :status', { status });
    if (after) qb.andWhere(...keysetCondition(['r.requested_at', 'r.id'], 'DESC', after));
    return qb.orderBy('r.requested_at', 'DESC').addOrderBy('r.id', 'DESC').take(limit).getMany();
  }

  /** Finish time of the latest run of each final status (for the metrics gauge). */
  async lastFinished(): Promise<{ status: string; finishedAt: string }[]> {
    const rows: { status: string; finishedAt: string }[] = await this.manager()
      .createQueryBuilder(DirectorySyncRunEntity, 'r')
      .select('r.status', 'status')
      .addSelect('MAX(r.finished_at)', 'finishedAt')
      .where("r.status IN ('ok', 'refused', 'failed')")
      .groupBy('r.status')
      .getRawMany();
    return rows;
  }
}
