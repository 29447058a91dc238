import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ReturnCondition } from './domain/return.rules';
import { HandoverItemEntity, ItemClosedReason } from './handover-item.entity';
import { HandoverReturnEntity } from './handover-return.entity';
import { HandoverEntity, HandoverStatus } from './handover.entity';
import { InventoryDocumentEntity } from './inventory-document.entity';

export interface HandoverFilter {
  employeeId?: string;
  assetId?: string;
  status?: HandoverStatus;
  technicianId?: string;
  /** calendar dates, inclusive */
  from?: string;
  to?: string;
  after?: { handedAt: string; id: string };
  limit: number;
}

/** The handover aggregate: the handover, its items (assignment rows), its returns and their receipts. */
@Injectable()
export class HandoverRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, handover: HandoverEntity, items: HandoverItemEntity[], receipt: InventoryDocumentEntity): Promise<void> {
    await tx.manager.insert(InventoryDocumentEntity, receipt);
    await tx.manager.insert(HandoverEntity, handover);
    // the items carry their handover's holder and date (read by the indicators without a join): taken from the
    // handover here, the one place items are written, so the copies cannot disagree
    await tx.manager.insert(
      HandoverItemEntity,
      items.map((i) => ({ ...i, employeeId: handover.employeeId, handoverDate: handover.handoverDate })),
    );
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<HandoverEntity | null> {
    return manager.findOne(HandoverEntity, { where: { id } });
  }

  async lock(tx: Tx, id: string): Promise<HandoverEntity | null> {
    const qb = tx.manager.createQueryBuilder(HandoverEntity, 'h').where('h.id = :id', { id });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  items(handoverId: string, manager: EntityManager = this.dataSource.manager): Promise<HandoverItemEntity[]> {
    return manager.find(HandoverItemEntity, { where: { handoverId }, order: { position: 'ASC' } });
  }

  itemsOf(handoverIds: string[]): Promise<HandoverItemEntity[]> {
    if (!handoverIds.length) return Promise.resolve([]);
    return this.dataSource.manager
      .createQueryBuilder(HandoverItemEntity, 'i')
      .where('i.handover_id IN (:...handoverIds)', { handoverIds })
      .orderBy('i.handover_id')
      .addOrderBy('i.position')
      .getMany();
  }

  returns(handoverId: string, manager: EntityManager = this.dataSource.manager): Promise<HandoverReturnEntity[]> {
    return manager.find(HandoverReturnEntity, { where: { handoverId }, order: { returnedAt: 'ASC', id: 'ASC' } });
  }

  findReturn(handoverId: string, returnId: string): Promise<HandoverReturnEntity | null> {
    return this.dataSource.manager.findOne(HandoverReturnEntity, { where: { id: returnId, handoverId } });
  }

  document(id: string): Promise<InventoryDocumentEntity | null> {
    return this.dataSource.manager.findOne(InventoryDocumentEntity, { where: { id } });
  }

  /** Newest first; keyset on (handed_at, id). */
  async list(filter: HandoverFilter): Promise<HandoverEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(HandoverEntity, 'h');
    if (filter.employeeId) qb.andWhere('h.employee_id = :employeeId', { employeeId: filter.employeeId });
    if (filter.status) qb.andWhere('h.status = :status', { status: filter.status });
    if (filter.technicianId) qb.andWhere('h.technician_id = :technicianId', { technicianId: filter.technicianId });
    if (filter.from) qb.andWhere('h.handover_date >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('h.handover_date <= :to', { to: filter.to });
    if (filter.assetId)
      qb.andWhere('EXISTS (SELECT 1 FROM handover_items i WHERE i.handover_id = h.id AND i.asset_id = :assetId)', { assetId: filter.assetId });
    if (filter.after) qb.andWhere('(h.handed_at < :c OR (h.handed_at = :c AND h.id < :afterId))', { c: filter.after.handedAt, afterId: filter.after.id });
    return qb
      .orderBy('h.handed_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .limit(filter.limit + 1)
      .getMany();
  }

  /** Marks items as back; guarded so an item is never returned twice. */
  async closeItemsByReturn(
    tx: Tx,
    handoverId: string,
    items: { assetId: string; condition: ReturnCondition; note: string | null }[],
    returnId: string,
    now: string,
  ): Promise<number> {
    let closed = 0;
    for (const item of items) {
      const r = await tx.manager
        .createQueryBuilder()
        .update(HandoverItemEntity)
        .set({ returnId, returnedAt: now, returnCondition: item.condition, returnNote: item.note, closedAt: now, closedReason: 'returned' })
        .where('handover_id = :handoverId AND asset_id = :assetId AND closed_at IS NULL', { handoverId, assetId: item.assetId })
        .execute();
      closed += r.affected ?? 0;
    }
    return closed;
  }

  /** Ends the custody of an asset lost or stolen while out; returns the handover it was on, if any. */
  async closeItemForIncident(tx: Tx, assetId: string, reason: ItemClosedReason, now: string): Promise<string | null> {
    const open = await tx.manager.createQueryBuilder(HandoverItemEntity, 'i').where('i.asset_id = :assetId AND i.closed_at IS NULL', { assetId }).getOne();
    if (!open) return null;
    await tx.manager.update(HandoverItemEntity, { id: open.id }, { closedAt: now, closedReason: reason });
    await this.refreshStatus(tx, open.handoverId, now);
    return open.handoverId;
  }

  /** Recounts what is still out and derives the status from it (one aggregate, not a loop). */
  async refreshStatus(tx: Tx, handoverId: string, now: string): Promise<{ status: HandoverStatus; outstanding: number }> {
    const row: { n: string | number } | undefined = await tx.manager
      .createQueryBuilder(HandoverItemEntity, 'i')
      .select('COUNT(*)', 'n')
      .where('i.handover_id = :handoverId AND i.closed_at IS NULL', { handoverId })
      .getRawOne();
    const outstanding = Number(row?.n ?? 0);
    const handover = await tx.manager.findOneOrFail(HandoverEntity, { where: { id: handoverId } });
    const status: HandoverStatus = outstanding === 0 ? 'closed' : outstanding < handover.itemsCount ? 'partially_returned' : 'open';
    await tx.manager
      .createQueryBuilder()
      .update(HandoverEntity)
      .set({ status, outstandingCount: outstanding, updatedAt: now, version: () => 'version + 1' })
      .where('id = :handoverId', { handoverId })
      .execute();
    return { status, outstanding };
  }

  async insertReturn(tx: Tx, ret: HandoverReturnEntity, receipt: InventoryDocumentEntity): Promise<void> {
    await tx.manager.insert(InventoryDocumentEntity, receipt);
    await tx.manager.insert(HandoverReturnEntity, ret);
  }

  /** Records one party's signature; false when that party had already signed. */
  async sign(tx: Tx, id: string, party: 'employee' | 'technician', recordedBy: string, now: string, scanSha256: string | null): Promise<boolean> {
    const set =
      party === 'employee'
        ? { employeeSignedAt: now, employeeSignatureRecordedBy: recordedBy }
        : { technicianSignedAt: now, technicianSignatureRecordedBy: recordedBy };
    const column = party === 'employee' ? 'employee_signed_at' : 'technician_signed_at';
    const r = await tx.manager
      .createQueryBuilder()
      .update(HandoverEntity)
      .set({ ...set, ...(scanSha256 ? { signedScanSha256: scanSha256 } : {}), updatedAt: now, version: () => 'version + 1' })
      .where(`id = :id AND ${column} IS NULL`, { id })
      .execute();
    return (r.affected ?? 0) === 1;
  }
}
