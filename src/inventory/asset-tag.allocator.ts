import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Tx } from '../database/unit-of-work';
import { formatAssetTag } from './domain/identifiers';
import { InventoryCounterEntity } from './inventory-counter.entity';
import { AssetRepository } from './asset.repository';

const COUNTER = 'asset_tag';

/**
 * Hands out generated asset tags (`INV-0000001`…) from a counter row. The UPDATE takes the row lock on
 * PostgreSQL, so concurrent intakes get disjoint ranges; a number that collides with a tag typed by hand
 * is skipped.
 */
@Injectable()
export class AssetTagAllocator {
  constructor(
    private readonly config: AppConfig,
    private readonly assets: AssetRepository,
  ) {}

  async allocate(tx: Tx, count: number, taken: Set<string> = new Set()): Promise<string[]> {
    const tags: string[] = [];
    let missing = count;
    while (missing > 0) {
      const candidates = await this.reserve(tx, missing);
      const existing = new Set(await this.assets.existingValues(tx.manager, 'asset_tag', candidates));
      for (const tag of candidates) if (!existing.has(tag) && !taken.has(tag)) tags.push(tag);
      missing = count - tags.length;
    }
    return tags;
  }

  private async reserve(tx: Tx, count: number): Promise<string[]> {
    await tx.manager.createQueryBuilder().insert().into(InventoryCounterEntity).values({ name: COUNTER, value: 0 }).orIgnore().execute();
    await tx.manager
      .createQueryBuilder()
      .update(InventoryCounterEntity)
      .set({ value: () => `value + ${Number(count)}` })
      .where('name = :name', { name: COUNTER })
      .execute();
    const row = await tx.manager.findOneOrFail(InventoryCounterEntity, { where: { name: COUNTER } });
    const end = Number(row.value);
    const prefix = this.config.env.ASSET_TAG_PREFIX;
    return Array.from({ length: count }, (_, i) => formatAssetTag(prefix, end - count + 1 + i));
  }
}
