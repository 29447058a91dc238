import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ChainedAuditRecord } from './domain/audit-chain';
import { AuditEventEntity, AuditHeadEntity } from './audit-event.entity';

const HEAD_ID = 1;
/** pg_advisory_xact_lock key of audit appends (any constant no other lock of ours uses). */
const AUDIT_APPEND_LOCK = 7_202_611;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The head row, locked for the rest of the transaction on PostgreSQL so that concurrent appends queue up
   * behind it (on SQLite units of work are already serialised).
   */
  async lockHead(tx: Tx): Promise<{ seq: number; hash: string } | null> {
    // Before the first event there is no head row to lock: a transaction-scoped advisory lock queues the very
    // first appends too (two instances starting at once on an empty log both wrote seq 1).
    if (tx.kind === 'postgres') await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
    const qb = tx.manager.getRepository(AuditHeadEntity).createQueryBuilder('h').where('h.id = :id', { id: HEAD_ID });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    const head = await qb.getOne();
    return head ? { seq: head.seq, hash: head.hash } : null;
  }

  async append(tx: Tx, record: ChainedAuditRecord, hadHead: boolean): Promise<void> {
    await tx.manager.insert(AuditEventEntity, record);
    if (hadHead) await tx.manager.update(AuditHeadEntity, { id: HEAD_ID }, { seq: record.seq, hash: record.hash });
    else await tx.manager.insert(AuditHeadEntity, { id: HEAD_ID, seq: record.seq, hash: record.hash });
  }

  /** Several chained records under one head lock: one multi-row insert per chunk, one head update. */
  async appendMany(tx: Tx, records: ChainedAuditRecord[], hadHead: boolean): Promise<void> {
    if (records.length === 0) return;
    for (let i = 0; i < records.length; i += 80) {
      await tx.manager.insert(AuditEventEntity, records.slice(i, i + 80));
    }
    const last = records[records.length - 1];
    if (hadHead) await tx.manager.update(AuditHeadEntity, { id: HEAD_ID }, { seq: last.seq, hash: last.hash });
    else await tx.manager.insert(AuditHeadEntity, { id: HEAD_ID, seq: last.seq, hash: last.hash });
  }

  /** How the event at `seq` was hashed (keyed, or a public hash from before the chain was keyed). */
  async algorithmAt(tx: Tx, seq: number): Promise<string | null> {
    const row = await tx.manager.getRepository(AuditEventEntity).findOne({ where: { seq }, select: { seq: true, hashAlg: true } });
    return row?.hashAlg ?? null;
  }

  async head(): Promise<{ seq: number; hash: string } | null> {
    const head = await this.dataSource.getRepository(AuditHeadEntity).findOne({ where: { id: HEAD_ID } });
    return head ? { seq: head.seq, hash: head.hash } : null;
  }

  /** Keyset pages of the log in sequence order, so verification never holds the whole log in memory. */
  async *stream(pageSize = 2000): AsyncGenerator<ChainedAuditRecord> {
    let after = 0;
    for (;;) {
      const page = await this.dataSource
        .getRepository(AuditEventEntity)
        .createQueryBuilder('e')
        .where('e.seq > :after', { after })
        .orderBy('e.seq', 'ASC')
        .limit(pageSize)
        .getMany();
      for (const row of page) yield { ...row, seq: Number(row.seq) };
      if (page.length < pageSize) return;
      after = Number(page[page.length - 1].seq);
    }
  }

  /**
   * The events from `seq` on (that one included, so a reader can check it still has the hash it saw), oldest first,
   * at most `limit`: only the columns that say what changed, never the chain fields.
   */
  async from(
    seq: number,
    limit: number,
  ): Promise<Array<Pick<AuditEventEntity, 'seq' | 'hash' | 'occurredAt' | 'action' | 'entityType' | 'entityId' | 'summary'>>> {
    const rows = await this.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('e')
      .select(['e.seq', 'e.hash', 'e.occurredAt', 'e.action', 'e.entityType', 'e.entityId', 'e.summary'])
      .where('e.seq >= :seq', { seq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  async list(filter: { entityType?: string; entityId?: string; action?: string; beforeSeq?: number; limit: number }): Promise<AuditEventEntity[]> {
    const qb = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entity_type = :t', { t: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entity_id = :i', { i: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :a', { a: filter.action });
    if (filter.beforeSeq) qb.andWhere('e.seq < :b', { b: filter.beforeSeq });
    return qb.orderBy('e.seq', 'DESC').limit(filter.limit).getMany();
  }
}
