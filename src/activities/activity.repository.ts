import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { keysetCondition, KeyValue } from '../common/http/keyset-cursor';
import { Tx } from '../database/unit-of-work';
import { ActivityEntity } from './activity.entity';
import { ActivityMode } from './domain/activity-mode';

export interface ActivityListFilter {
  serviceCode?: string;
  mode?: ActivityMode;
  macroActivity?: string;
  remoteCapable?: boolean;
  q?: string;
  /** (serviceCode, macroActivity, name, id) of the last row of the previous page */
  after?: KeyValue[];
  /** rows to read: the page size + 1 */
  limit: number;
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

/** The activity map aggregate (the services it names are the directory's: EmployeeDirectory). */
@Injectable()
export class ActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
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

  /** By service, macro-activity and name, keyset by those and the id. */
  async list(filter: ActivityListFilter): Promise<ActivityEntity[]> {
    const qb = this.dataSource.getRepository(ActivityEntity).createQueryBuilder('a');
    if (filter.serviceCode) qb.andWhere('a.service_code = :serviceCode', { serviceCode: filter.serviceCode });
    if (filter.mode) qb.andWhere('a.mode = :mode', { mode: filter.mode });
    if (filter.macroActivity) qb.andWhere('a.macro_activity = :macro', { macro: filter.macroActivity });
    if (filter.remoteCapable !== undefined) {
      qb.andWhere(filter.remoteCapable ? "a.mode IN ('fully_remote', 'partially_remote')" : "a.mode NOT IN ('fully_remote', 'partially_remote')");
    }
    if (filter.q) qb.andWhere('(LOWER(a.name) LIKE :q OR LOWER(a.macro_activity) LIKE :q)', { q: `%${filter.q.toLowerCase().replace(/[%_]/g, '')}%` });
    const columns = ['a.service_code', 'a.macro_activity', 'a.name', 'a.id'];
    if (filter.after) qb.andWhere(...keysetCondition(columns, 'ASC', filter.after));
    columns.forEach((c, i) => (i === 0 ? qb.orderBy(c, 'ASC') : qb.addOrderBy(c, 'ASC')));
    return qb.take(filter.limit).getMany();
  }

  /** The map's activities, or (`transversal`) the 11 transversal ones by service: each counted apart (docs/decisions.md). */
  async countByServiceAndMode(transversal = false): Promise<ModeCountRow[]> {
    const rows: { service_code: string; mode: ActivityMode; n: number | string }[] = await this.dataSource
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .select('a.service_code', 'service_code')
      .addSelect('a.mode', 'mode')
      .addSelect('COUNT(*)', 'n')
      .where('a.transversal = :transversal', { transversal })
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
      .where('a.transversal = :no', { no: false })
      .groupBy('a.service_code')
      .getRawMany();
    return rows.map((r) => ({ serviceCode: r.service_code, macroActivities: Number(r.n) }));
  }

  /** The codes of the services the map names. */
  async serviceCodes(): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource
      .getRepository(ActivityEntity)
      .createQueryBuilder('a')
      .select('DISTINCT a.service_code', 'code')
      .getRawMany();
    return rows.map((r) => r.code);
  }
}
