import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { sqliteInsertMany } from '../database/sqlite-bulk-insert';
import { AssetEvent, AssetState, statesAllowing, targetState } from './domain/asset-state';
import { DeviceKind, GATED_KINDS, Ownership } from './domain/device-kind';
import { KeyValue } from '../common/http/keyset-cursor';
import { AssetEntity } from './asset.entity';
import { DeviceModelEntity } from './device-model.entity';

export const ASSET_SORTS = ['assetTag', '-assetTag', 'serial', '-serial', 'createdAt', '-createdAt'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

const SORT_COLUMN: Record<string, { column: string; property: keyof AssetEntity; unique: boolean }> = {
  assetTag: { column: 'a.asset_tag', property: 'assetTag', unique: true },
  serial: { column: 'a.serial', property: 'serial', unique: false },
  createdAt: { column: 'a.created_at', property: 'createdAt', unique: false },
};

export interface AssetFilter {
  kind?: DeviceKind;
  state?: AssetState;
  modelId?: string;
  lotId?: string;
  holderEmployeeId?: string;
  ownership?: Ownership;
  /** start of an asset tag or serial (index-backed) */
  q?: string;
  /** part of an asset tag or serial (a scan: slower on large inventories) */
  contains?: string;
  sort: AssetSort;
  after?: { v: KeyValue; id: string };
  limit: number;
}

export interface AssetRow extends AssetEntity {
  modelName: string;
}

/** Parameters per statement stay well under SQLite's 32,766 and PostgreSQL's 65,535 limits. */
const LOOKUP_CHUNK = 500;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What a tag or serial can contain once normalised; anything else cannot match. */
const SEARCHABLE = /^[A-Z0-9._/-]{1,100}$/;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class AssetRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts in chunks inside the caller's transaction (a 40,000-row intake is one atomic unit). Plain
   * multi-row INSERTs with positional parameters: TypeORM's insert builder spends time quadratic in the
   * number of parameters of a statement, which dominated a 40,000-row intake. On SQLite one prepared statement
   * serves every chunk (sqliteInsertMany).
   */
  async insertMany(tx: Tx, assets: AssetEntity[], onChunk?: (written: number) => void): Promise<void> {
    if (!assets.length) return;
    const columns = tx.manager.connection
      .getMetadata(AssetEntity)
      .columns.map((c) => ({ property: c.propertyName as keyof AssetEntity, column: c.databaseName }));
    const rowsPerStatement = Math.floor(10_000 / columns.length);
    const columnList = columns.map((c) => `"${c.column}"`).join(', ');
    if (tx.kind === 'sqlite') {
      const rows = assets.map((asset) => columns.map((c) => asset[c.property] ?? null));
      return sqliteInsertMany(
        tx,
        '"assets"',
        columns.map((c) => `"${c.column}"`),
        rows,
        rowsPerStatement,
        onChunk,
      );
    }
    let written = 0;
    for (const chunk of chunks(assets, rowsPerStatement)) {
      const params: unknown[] = [];
      const tuples = chunk.map((asset) => {
        const marks = columns.map((c) => {
          params.push(asset[c.property] ?? null);
          return tx.kind === 'postgres' ? `$${params.length}` : '?';
        });
        return `(${marks.join(', ')})`;
      });
      await tx.manager.query(`INSERT INTO "assets" (${columnList}) VALUES ${tuples.join(', ')}`, params);
      written += chunk.length;
      onChunk?.(written);
    }
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<AssetEntity | null> {
    return manager.findOne(AssetEntity, { where: { id } });
  }

  /** Many assets in one query (unknown ids are left out). */
  async findByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<AssetEntity[]> {
    const out: AssetEntity[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      if (part.length) out.push(...(await manager.find(AssetEntity, { where: { id: In(part) } })));
    }
    return out;
  }

  async findRow(id: string): Promise<AssetRow | null> {
    const { entities, raw } = await this.withModel(this.dataSource.manager.createQueryBuilder(AssetEntity, 'a'))
      .where('a.id = :id', { id })
      .getRawAndEntities();
    return entities[0] ? { ...entities[0], modelName: String((raw as { model_name: unknown }[])[0].model_name) } : null;
  }

  findMany(ids: string[]): Promise<AssetEntity[]> {
    return this.dataSource.manager.createQueryBuilder(AssetEntity, 'a').where('a.id IN (:...ids)', { ids }).getMany();
  }

  findByTag(manager: EntityManager, assetTag: string): Promise<AssetEntity | null> {
    return manager.findOne(AssetEntity, { where: { assetTag } });
  }

  /**
   * The rows, locked in id order on PostgreSQL: two kits sharing assets then queue instead of deadlocking.
   * On SQLite units of work are already serialised.
   */
  async lockMany(tx: Tx, ids: string[]): Promise<AssetEntity[]> {
    const qb = tx.manager.createQueryBuilder(AssetEntity, 'a').where('a.id IN (:...ids)', { ids }).orderBy('a.id', 'ASC');
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /**
   * The race guard of a handover: assigns only what the asset state machine still lets be handed over (the
   * `handover` event's starting states). The caller compares the count with the kit size and rolls back when
   * another technician got there first.
   */
  async assign(tx: Tx, ids: string[], employeeId: string, handoverId: string, now: string): Promise<number> {
    const result = await tx.manager
      .createQueryBuilder()
      .update(AssetEntity)
      .set({
        state: targetState('handover'),
        holderEmployeeId: employeeId,
        currentHandoverId: handoverId,
        assignedAt: now,
        updatedAt: now,
        version: () => 'version + 1',
      })
      .where("id IN (:...ids) AND state IN (:...from) AND ownership = 'municipal'", { ids, from: statesAllowing('handover') })
      .execute();
    return result.affected ?? 0;
  }

  /** Back from an employee (a return event of the state machine): only if still on that handover. */
  async release(tx: Tx, ids: string[], handoverId: string, event: Extract<AssetEvent, 'return_ok' | 'return_damaged'>, now: string): Promise<number> {
    if (!ids.length) return 0;
    const result = await tx.manager
      .createQueryBuilder()
      .update(AssetEntity)
      .set({ state: targetState(event), holderEmployeeId: null, currentHandoverId: null, assignedAt: null, updatedAt: now, version: () => 'version + 1' })
      .where('id IN (:...ids) AND state IN (:...from) AND current_handover_id = :handoverId', { ids, from: statesAllowing(event), handoverId })
      .execute();
    return result.affected ?? 0;
  }

  /** A state change guarded by the state it was read in (optimistic: nobody moved it meanwhile). */
  async changeState(tx: Tx, id: string, from: AssetState, version: number, to: AssetState, now: string, clearHolder: boolean): Promise<boolean> {
    const set: Partial<Record<keyof AssetEntity, unknown>> = { state: to, updatedAt: now };
    if (clearHolder) Object.assign(set, { holderEmployeeId: null, currentHandoverId: null, assignedAt: null });
    const result = await tx.manager
      .createQueryBuilder()
      .update(AssetEntity)
      .set({ ...set, version: () => 'version + 1' })
      .where('id = :id AND state = :from AND version = :version', { id, from, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Gated municipal devices an employee still holds: what offboarding asks back. */
  heldGated(tx: Tx, employeeId: string): Promise<AssetEntity[]> {
    return tx.manager
      .createQueryBuilder(AssetEntity, 'a')
      .where("a.holder_employee_id = :employeeId AND a.state = 'assigned' AND a.ownership = 'municipal' AND a.kind IN (:...kinds)", {
        employeeId,
        kinds: GATED_KINDS,
      })
      .orderBy('a.asset_tag', 'ASC')
      .getMany();
  }

  /** A personal laptop declared by its owner: registered as theirs, already in their hands. */
  async insertOne(tx: Tx, asset: AssetEntity): Promise<void> {
    await tx.manager.insert(AssetEntity, asset);
  }

  async existingSerials(manager: EntityManager, keys: { manufacturer: string; serial: string }[]): Promise<{ manufacturer: string; serial: string }[]> {
    const byManufacturer = new Map<string, string[]>();
    for (const k of keys) {
      const list = byManufacturer.get(k.manufacturer);
      if (list) list.push(k.serial);
      else byManufacturer.set(k.manufacturer, [k.serial]);
    }
    const found: { manufacturer: string; serial: string }[] = [];
    for (const [manufacturer, serials] of byManufacturer) {
      for (const chunk of chunks(serials, LOOKUP_CHUNK)) {
        const rows: { serial: string; manufacturer: string }[] = await manager
          .createQueryBuilder(AssetEntity, 'a')
          .select(['a.serial AS serial', 'a.manufacturer AS manufacturer'])
          .where('LOWER(a.manufacturer) = :m AND a.serial IN (:...chunk)', { m: manufacturer.toLowerCase(), chunk })
          .getRawMany();
        found.push(...rows);
      }
    }
    return found;
  }

  async existingValues(manager: EntityManager, column: 'asset_tag' | 'sim_iccid', values: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const chunk of chunks(values, LOOKUP_CHUNK)) {
      const rows: { v: string }[] = await manager
        .createQueryBuilder(AssetEntity, 'a')
        .select(`a.${column}`, 'v')
        .where(`a.${column} IN (:...chunk)`, { chunk })
        .getRawMany();
      found.push(...rows.map((r) => r.v));
    }
    return found;
  }

  private withModel(qb: SelectQueryBuilder<AssetEntity>): SelectQueryBuilder<AssetEntity> {
    return qb.leftJoin(DeviceModelEntity, 'm', 'm.id = a.model_id').addSelect('m.model', 'model_name');
  }

  /** One page of a keyset listing; returns `limit + 1` rows at most so the caller knows whether more follow. */
  async list(filter: AssetFilter): Promise<AssetRow[]> {
    const desc = filter.sort.startsWith('-');
    const key = SORT_COLUMN[filter.sort.replace(/^-/, '')];
    // Raw rows mapped by hand: entity hydration cost more than the query itself on a 500-row page.
    const columns = this.dataSource.getMetadata(AssetEntity).columns;
    const qb = this.dataSource.manager.createQueryBuilder(AssetEntity, 'a').select(`a.${columns[0].databaseName}`, columns[0].propertyName);
    for (const c of columns.slice(1)) qb.addSelect(`a.${c.databaseName}`, c.propertyName);
    qb.leftJoin(DeviceModelEntity, 'm', 'm.id = a.model_id').addSelect('m.model', 'modelName');
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    if (filter.modelId) qb.andWhere('a.model_id = :modelId', { modelId: filter.modelId });
    if (filter.lotId) qb.andWhere('a.lot_id = :lotId', { lotId: filter.lotId });
    if (filter.holderEmployeeId) qb.andWhere('a.holder_employee_id = :holder', { holder: filter.holderEmployeeId });
    if (filter.ownership) qb.andWhere('a.ownership = :ownership', { ownership: filter.ownership });
    // Tags and serials are stored upper-case from a small alphabet, so both searches mean the same on either
    // database. The prefix search is an index range on both columns (GLOB on SQLite, whose LIKE ignores case
    // and so cannot use a binary index; LIKE on PostgreSQL, index-backed under the C collation).
    if (filter.q !== undefined) {
      const prefix = filter.q.trim().toUpperCase();
      if (!SEARCHABLE.test(prefix)) return [];
      if (this.dataSource.options.type === 'postgres') {
        qb.andWhere(
          new Brackets((w) =>
            w.where("a.asset_tag LIKE :prefix ESCAPE '\\'", { prefix: `${escapeLike(prefix)}%` }).orWhere("a.serial LIKE :prefix ESCAPE '\\'"),
          ),
        );
      } else {
        qb.andWhere(new Brackets((w) => w.where('a.asset_tag GLOB :glob', { glob: `${prefix}*` }).orWhere('a.serial GLOB :glob')));
      }
    }
    if (filter.contains !== undefined) {
      const part = filter.contains.trim().toUpperCase();
      if (!SEARCHABLE.test(part)) return [];
      qb.andWhere(
        new Brackets((w) => w.where("a.asset_tag LIKE :like ESCAPE '\\'", { like: `%${escapeLike(part)}%` }).orWhere("a.serial LIKE :like ESCAPE '\\'")),
      );
    }
    if (filter.after) {
      const op = desc ? '<' : '>';
      // Row values keep the keyset condition an index range on both databases (an OR would not be).
      if (key.unique) qb.andWhere(`${key.column} ${op} :v`, { v: filter.after.v });
      else qb.andWhere(`(${key.column}, a.id) ${op} (:v, :afterId)`, { v: filter.after.v, afterId: filter.after.id });
    }
    // A search selects few rows: sort those rather than walk the whole sort index testing each one
    // (`|| ''` orders the same but is not an index the planner could follow).
    const searching = filter.q !== undefined || filter.contains !== undefined;
    qb.orderBy(searching ? `${key.column} || ''` : key.column, desc ? 'DESC' : 'ASC');
    if (!key.unique) qb.addOrderBy('a.id', desc ? 'DESC' : 'ASC');
    const rows: (AssetRow & Record<string, unknown>)[] = await qb.limit(filter.limit + 1).getRawMany();
    return rows.map((r) => ({ ...r, version: Number(r.version), modelName: String(r.modelName) }));
  }

  sortValue(row: AssetEntity, sort: AssetSort): string {
    return String(row[SORT_COLUMN[sort.replace(/^-/, '')].property]);
  }
}
