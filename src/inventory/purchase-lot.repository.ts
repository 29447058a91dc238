import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { IN_SERVICE_STATES } from './domain/asset-state';
import { DeviceKind } from './domain/device-kind';
import { AssetEntity } from './asset.entity';
import { DeviceModelEntity } from './device-model.entity';
import { PurchaseLotEntity } from './purchase-lot.entity';

export interface LotRow extends PurchaseLotEntity {
  kind: DeviceKind;
  manufacturer: string;
  modelName: string;
}

export interface LotFilter {
  modelId?: string;
  kind?: DeviceKind;
  /** only lots still expecting assets */
  open?: boolean;
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Raw columns TypeORM answers beside the entities (typed any by TypeORM). */
const rows = (raw: unknown): Record<string, unknown>[] => raw as Record<string, unknown>[];

@Injectable()
export class PurchaseLotRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, lot: PurchaseLotEntity): Promise<void> {
    await tx.manager.insert(PurchaseLotEntity, lot);
  }

  private base(manager: EntityManager) {
    return manager
      .createQueryBuilder(PurchaseLotEntity, 'l')
      .innerJoin(DeviceModelEntity, 'm', 'm.id = l.model_id')
      .addSelect(['m.kind AS m_kind', 'm.manufacturer AS m_manufacturer', 'm.model AS m_model']);
  }

  private static toRow(entity: PurchaseLotEntity, raw: Record<string, unknown>): LotRow {
    return {
      ...entity,
      quantity: Number(entity.quantity),
      receivedCount: Number(entity.receivedCount),
      unitPriceCents: Number(entity.unitPriceCents),
      kind: raw.m_kind as DeviceKind,
      manufacturer: String(raw.m_manufacturer),
      modelName: String(raw.m_model),
    };
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<LotRow | null> {
    const { entities, raw: rawRows } = await this.base(manager).where('l.id = :id', { id }).getRawAndEntities();
    return entities[0] ? PurchaseLotRepository.toRow(entities[0], rows(rawRows)[0]) : null;
  }

  /** Newest first; keyset on (created_at, id). */
  async list(filter: LotFilter): Promise<LotRow[]> {
    const qb = this.base(this.dataSource.manager);
    if (filter.modelId) qb.andWhere('l.model_id = :modelId', { modelId: filter.modelId });
    if (filter.kind) qb.andWhere('m.kind = :kind', { kind: filter.kind });
    if (filter.open) qb.andWhere('l.received_count < l.quantity');
    if (filter.after) qb.andWhere('(l.created_at < :c OR (l.created_at = :c AND l.id < :id))', { c: filter.after.createdAt, id: filter.after.id });
    const { entities, raw: rawRows } = await qb.orderBy('l.created_at', 'DESC').addOrderBy('l.id', 'DESC').limit(filter.limit).getRawAndEntities();
    // getRawAndEntities keeps both arrays in the same order when the join is one-to-one
    return entities.map((e, i) => PurchaseLotRepository.toRow(e, rows(rawRows)[i]));
  }

  /**
   * Reserves room for `count` more assets: one conditional update, so two intakes racing for the last
   * places of a lot cannot both succeed.
   */
  async reserve(tx: Tx, lotId: string, count: number, now: string): Promise<boolean> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(PurchaseLotEntity)
      .set({ receivedCount: () => `received_count + ${Number(count)}`, updatedAt: now, version: () => 'version + 1' })
      .where('id = :lotId AND received_count + :count <= quantity', { lotId, count })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Received assets by state, for the lot's detail page. */
  async stateCounts(lotId: string): Promise<Record<string, number>> {
    const rows: { state: string; n: string | number }[] = await this.dataSource
      .createQueryBuilder(AssetEntity, 'a')
      .select('a.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .where('a.lot_id = :lotId', { lotId })
      .groupBy('a.state')
      .getRawMany();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** Lots whose warranty ends in [from, to], with the assets of each still in service. */
  async warrantiesEnding(from: string, to: string): Promise<(LotRow & { inService: number })[]> {
    const { entities, raw: rawRows } = await this.base(this.dataSource.manager)
      .addSelect(
        (sub) => sub.select('COUNT(*)').from(AssetEntity, 'a').where('a.lot_id = l.id AND a.state IN (:...states)', { states: IN_SERVICE_STATES }),
        'in_service',
      )
      .where('l.warranty_ends_on >= :from AND l.warranty_ends_on <= :to', { from, to })
      .orderBy('l.warranty_ends_on', 'ASC')
      .addOrderBy('l.id', 'ASC')
      .getRawAndEntities();
    return entities.map((e, i) => ({ ...PurchaseLotRepository.toRow(e, rows(rawRows)[i]), inService: Number(rows(rawRows)[i].in_service) }));
  }
}
