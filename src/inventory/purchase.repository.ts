import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { lotsDeliveredSql } from './domain/holdings.sql';
import { DEVICE_LOTS_LINE, InvestmentLine } from './domain/purchase-category';
import { PurchaseEntity } from './purchase.entity';

export interface PurchaseFilter {
  from?: string;
  to?: string;
  category?: string;
  after?: { purchaseDate: string; id: string };
  limit: number;
}

const num = (x: unknown): number => Number(x ?? 0);

/** Purchases, and the investment totals over purchases and device lots (one SQL aggregate each, no rows loaded). */
@Injectable()
export class PurchaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, purchase: PurchaseEntity): Promise<void> {
    await tx.manager.insert(PurchaseEntity, purchase);
  }

  private static fix(p: PurchaseEntity): PurchaseEntity {
    return { ...p, amountCents: num(p.amountCents), version: num(p.version) };
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<PurchaseEntity | null> {
    const found = await manager.findOneBy(PurchaseEntity, { id });
    return found ? PurchaseRepository.fix(found) : null;
  }

  /** Newest first; keyset on (purchase_date, id). */
  async list(filter: PurchaseFilter): Promise<PurchaseEntity[]> {
    const qb = this.dataSource.manager.createQueryBuilder(PurchaseEntity, 'p');
    if (filter.from) qb.andWhere('p.purchase_date >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('p.purchase_date <= :to', { to: filter.to });
    if (filter.category) qb.andWhere('p.category = :category', { category: filter.category });
    if (filter.after) qb.andWhere('(p.purchase_date < :d OR (p.purchase_date = :d AND p.id < :id))', { d: filter.after.purchaseDate, id: filter.after.id });
    const found = await qb.orderBy('p.purchase_date', 'DESC').addOrderBy('p.id', 'DESC').limit(filter.limit).getMany();
    return found.map(PurchaseRepository.fix);
  }

  /**
   * Investment in [from, to]: device lots delivered in the period (the rule of the laptops indicator: a lot counts
   * when it arrives) as one line, purchases by category.
   */
  async investmentLines(from: string, to: string): Promise<InvestmentLine[]> {
    const lots: { n: unknown; cents: unknown }[] = await this.dataSource
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(CAST(l.quantity AS bigint) * l.unit_price_cents), 0)', 'cents')
      .from(`(${lotsDeliveredSql('from', 'to')})`, 'l')
      .setParameters({ from, to })
      .getRawMany();
    const purchases: { category: string; n: unknown; cents: unknown }[] = await this.dataSource.manager
      .createQueryBuilder(PurchaseEntity, 'p')
      .select('p.category', 'category')
      .addSelect('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(p.amount_cents), 0)', 'cents')
      .where('p.purchase_date >= :from AND p.purchase_date <= :to', { from, to })
      .groupBy('p.category')
      .getRawMany();
    return [
      { category: DEVICE_LOTS_LINE, count: num(lots[0]?.n), cents: num(lots[0]?.cents) },
      ...purchases.map((r) => ({ category: r.category, count: num(r.n), cents: num(r.cents) })),
    ];
  }
}
