import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeviceKind } from './domain/device-kind';
import { AssetEntity } from './asset.entity';
import { DeviceModelEntity } from './device-model.entity';

export interface StockRow {
  kind: DeviceKind;
  modelId: string;
  manufacturer: string;
  model: string;
  inStock: number;
  assigned: number;
  inRepair: number;
}

/** Read-side aggregates over municipal assets: one GROUP BY each, never a loop over rows. */
@Injectable()
export class InventoryStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async stock(kind?: DeviceKind): Promise<StockRow[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(AssetEntity, 'a')
      .innerJoin(DeviceModelEntity, 'm', 'm.id = a.model_id')
      .select('a.kind', 'kind')
      .addSelect('a.model_id', 'model_id')
      .addSelect('m.manufacturer', 'manufacturer')
      .addSelect('m.model', 'model')
      .addSelect("SUM(CASE WHEN a.state = 'in_stock' THEN 1 ELSE 0 END)", 'in_stock')
      .addSelect("SUM(CASE WHEN a.state = 'assigned' THEN 1 ELSE 0 END)", 'assigned')
      .addSelect("SUM(CASE WHEN a.state = 'in_repair' THEN 1 ELSE 0 END)", 'in_repair')
      .where("a.ownership = 'municipal' AND a.state IN ('in_stock', 'assigned', 'in_repair')");
    if (kind) qb.andWhere('a.kind = :kind', { kind });
    const rows: Record<string, string | number>[] = await qb
      .groupBy('a.kind')
      .addGroupBy('a.model_id')
      .addGroupBy('m.manufacturer')
      .addGroupBy('m.model')
      .orderBy('a.kind')
      .addOrderBy('m.manufacturer')
      .addOrderBy('m.model')
      .getRawMany();
    return rows.map((r) => ({
      kind: r.kind as DeviceKind,
      modelId: String(r.model_id),
      manufacturer: String(r.manufacturer),
      model: String(r.model),
      inStock: Number(r.in_stock),
      assigned: Number(r.assigned),
      inRepair: Number(r.in_repair),
    }));
  }

  /** Municipal laptops by state: what planning subtracts from the year's target. */
  async laptopCounts(): Promise<{ assigned: number; inStock: number; inRepair: number }> {
    const row: Record<string, string | number> | undefined = await this.dataSource.manager
      .createQueryBuilder(AssetEntity, 'a')
      .select("SUM(CASE WHEN a.state = 'assigned' THEN 1 ELSE 0 END)", 'assigned')
      .addSelect("SUM(CASE WHEN a.state = 'in_stock' THEN 1 ELSE 0 END)", 'in_stock')
      .addSelect("SUM(CASE WHEN a.state = 'in_repair' THEN 1 ELSE 0 END)", 'in_repair')
      .where("a.kind = 'laptop' AND a.ownership = 'municipal'")
      .getRawOne();
    return { assigned: Number(row?.assigned ?? 0), inStock: Number(row?.in_stock ?? 0), inRepair: Number(row?.in_repair ?? 0) };
  }
}
