import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { ServiceEntity } from '../directory';
import { ActivityEntity } from './activity.entity';
import { ActivityMode } from './domain/activity-mode';

export interface ActivityListFilter {
  serviceCode?: string;
  mode?: ActivityMode;
  macroActivity?: string;
  remoteCapable?: boolean;
  q?: string;
  limit: number;
  offset: number;
}

export interface ModeCountRow {
  serviceCode: string;
  mode: ActivityMode;
  activities: number;
}

export interface MacroCountRow {
  serviceCode: string;
  macroActivities: number;
}

/** The activity map aggregate; also inserts the services a map names that the directory does not have yet. */
@Injectable()
export class ActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  findServicesByCodes(codes: string[], tx?: Tx): Promise<ServiceEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.manager(tx).getRepository(ServiceEntity).createQueryBuilder('s').where('s.code IN (:...codes)', { codes }).getMany();
  }

  /** Insert only: an existing service (same code) is never renamed by an activity map. */
  async insertServiceIfMissing(tx: Tx, code: string, name: string, nowIso: string): Promise<void> {
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(ServiceEntity)
      .values({ id: randomUUID(), code, name, active: true, createdAt: nowIso, updatedAt: nowIso })
      .orIgnore()
      .execute();
  }

  async findByNaturalKeys(keys: string[], tx?: Tx): Promise<ActivityEntity[]> {
    const out: ActivityEntity[] = [];
    // Chunked: SQLite allows at most 999 bound parameters per statement on older builds.
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      out.push(...(await this.manager(tx).getRepository(ActivityEntity).createQueryBuilder('a').where('a.natural_key IN (:...chunk)', { chunk }).getMany()));
    }
    return out;
  }

  async findByIds(ids: string[], tx?: Tx): Promise<ActivityEntity[]> {
    if (ids.length === 0) return [];
    return this.manager(tx).getRepository(ActivityEntity).createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany();
  }

  async insertMany(tx: Tx, rows: ActivityEntity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100) await tx.manager.insert(ActivityEntity, rows.slice(i, i + 100));
  }

  async update(tx: Tx, id: string, changes: Pick<ActivityEntity, 'macroActivity' | 'name' | 'mode' | 'notes' | 'updatedAt'>): Promise<void> {
    await tx.manager.update(ActivityEntity, { id }, changes);
  }

  async list(filter: ActivityListFilter): Promise<{ items: ActivityEntity[]; total: number }> {
    const qb = this.dataSource.getRepository(ActivityEntity).createQueryBuilder('a');
    if (filter.serviceCode) qb.andWhere('a.service_code = :serviceCode', { serviceCode: filter.serviceCode });
    if (filter.mode) qb.andWhere('a.mode = :mode', { mode: filter.mode });
    if (filter.macroActivity) qb.andWhere('a.macro_activity = :macro', { macro: filter.macroActivity });
    if (filter.remoteCapable !== undefined) {
      qb.andWhere(filter.remoteCapable ? "a.mode IN ('fully_remote', 'partially_remote')" : "a.mode NOT IN ('fully_remote', 'partially_remote')");
    }
    if (filter.q) qb.andWhere('(LOWER(a.name) LIKE :q OR LOWER(a.macro_activity) LIKE :q)', { q: `%${filter.q.toLowerCase().replace(/[%_]/g, '')}%` });
    const [items, total] = await qb
      .orderBy('a.service_code', 'ASC')
      .addOrderBy('a.macro_activity', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }

  async countByServiceAndMode(): Promise<ModeCountRow[]> {
    const rows: { service_code: string; mode: ActivityMode; n: number | string }[] = await this.dataSource
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .select('a.service_code', 'service_code')
      .addSelect('a.mode', 'mode')
      .addSelect('COUNT(*)', 'n')
      .groupBy('a.service_code')
      .addGroupBy('a.mode')
      .getRawMany();
    return rows.map((r) => ({ serviceCode: r.service_code, mode: r.mode, activities: Number(r.n) }));
  }

  async countMacroActivitiesByService(): Promise<MacroCountRow[]> {
    const rows: { service_code: string; n: number | string }[] = await this.dataSource
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .select('a.service_code', 'service_code')
      .addSelect('COUNT(DISTINCT a.macro_activity)', 'n')
      .groupBy('a.service_code')
      .getRawMany();
    return rows.map((r) => ({ serviceCode: r.service_code, macroActivities: Number(r.n) }));
  }

  async serviceNames(): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('s.code', 'code')
      .addSelect('s.name', 'name')
      .from(ServiceEntity, 's')
      .where('s.code IN (SELECT DISTINCT a.service_code FROM activities a)')
      .getRawMany();
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
