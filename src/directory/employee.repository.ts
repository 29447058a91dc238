import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { sqliteInsertMany } from '../database/sqlite-bulk-insert';
import { Tx } from '../database/unit-of-work';
import { EmployeeSort, SORT_COLUMNS, SortOrder } from './domain/employee-cursor';
import { ImportSnapshot } from './domain/employee-import-plan';
import { ManagerReach } from './domain/service-manager.policy';
import { EmployeeEntity } from './employee.entity';
import { ServiceEntity } from './service.entity';

/** An employee with the code and name of their service: what reads return. */
export interface EmployeeRecord extends EmployeeEntity {
  serviceCode: string;
  serviceName: string;
}

export interface EmployeeListFilter {
  serviceCode?: string;
  active?: boolean;
  isManager?: boolean;
  q?: string;
  /** a manager's login lists only the people it reaches */
  reach?: ManagerReach;
  sort: EmployeeSort;
  order: SortOrder;
  after: string[] | null;
  limit: number;
}

/** Rows per multi-row INSERT: well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const INSERT_CHUNK = 500;

const COLUMN_BY_FIELD: Record<string, string> = {
  id: 'id',
  employeeNumber: 'employee_number',
  externalId: 'external_id',
  source: 'source',
  username: 'username',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  serviceId: 'service_id',
  profile: 'profile',
  category: 'category',
  isManager: 'is_manager',
  isDirectorGeneral: 'is_director_general',
  disabledWorker: 'disabled_worker',
  active: 'active',
  deactivationReason: 'deactivation_reason',
  directoryDn: 'directory_dn',
  version: 'version',
};

/** PostgreSQL types of the columns that are not varchar (casts for UNNEST arrays and VALUES lists). */
const PG_TYPE: Record<string, string> = {
  is_manager: 'boolean',
  is_director_general: 'boolean',
  disabled_worker: 'boolean',
  active: 'boolean',
  version: 'int',
};
const pgType = (column: string) => PG_TYPE[column] ?? 'varchar';
/** Rows per batched conditional UPDATE. */
const UPDATE_CHUNK = 200;

/** Every column of the employees table, in insert order. */
const INSERT_COLUMNS: [keyof EmployeeEntity, string][] = [
  ['id', 'id'],
  ['employeeNumber', 'employee_number'],
  ['externalId', 'external_id'],
  ['source', 'source'],
  ['username', 'username'],
  ['firstName', 'first_name'],
  ['lastName', 'last_name'],
  ['email', 'email'],
  ['serviceId', 'service_id'],
  ['profile', 'profile'],
  ['category', 'category'],
  ['isManager', 'is_manager'],
  ['isDirectorGeneral', 'is_director_general'],
  ['disabledWorker', 'disabled_worker'],
  ['active', 'active'],
  ['deactivatedAt', 'deactivated_at'],
  ['deactivationReason', 'deactivation_reason'],
  ['lastSyncedAt', 'last_synced_at'],
  ['directoryDn', 'directory_dn'],
  ['createdAt', 'created_at'],
  ['updatedAt', 'updated_at'],
  ['version', 'version'],
];
const COLUMN_OF: Record<string, string> = Object.fromEntries(INSERT_COLUMNS);

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The only code that builds employee queries. */
@Injectable()
export class EmployeeRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  private withService(tx?: Tx): SelectQueryBuilder<EmployeeEntity> {
    return this.manager(tx)
      .createQueryBuilder(EmployeeEntity, 'e')
      .innerJoin(ServiceEntity, 's', 's.id = e.service_id')
      .addSelect('s.code', 'service_code')
      .addSelect('s.name', 'service_name');
  }

  private async records(qb: SelectQueryBuilder<EmployeeEntity>): Promise<EmployeeRecord[]> {
    const { entities, raw } = await qb.getRawAndEntities<{ service_code: string; service_name: string }>();
    return entities.map((e, i) => Object.assign(e, { serviceCode: raw[i].service_code, serviceName: raw[i].service_name }));
  }

  async findById(id: string, tx?: Tx): Promise<EmployeeRecord | null> {
    return (await this.records(this.withService(tx).where('e.id = :id', { id })))[0] ?? null;
  }

  /** Many employees in one query (unknown ids are left out): the bulk paths' and the gateway pass's reads. */
  async findByIds(ids: string[], tx?: Tx): Promise<EmployeeRecord[]> {
    const out: EmployeeRecord[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      if (part.length) out.push(...(await this.records(this.withService(tx).where('e.id IN (:...part)', { part }))));
    }
    return out;
  }

  /**
   * The employee, read inside `tx` with their row locked until it ends (PostgreSQL: `FOR UPDATE OF e`, the service
   * row stays free); SQLite serialises every unit of work already.
   */
  async lockById(tx: Tx, id: string): Promise<EmployeeRecord | null> {
    const qb = this.withService(tx).where('e.id = :id', { id });
    if (tx.kind === 'postgres') qb.setLock('pessimistic_write', undefined, ['e']);
    return (await this.records(qb))[0] ?? null;
  }

  /** Active managers of a service (the directory has no manager-of link: a service's managers stand for it). */
  async managersOf(serviceId: string, tx?: Tx): Promise<EmployeeRecord[]> {
    const qb = this.withService(tx).where('e.service_id = :serviceId AND e.is_manager = :mgr AND e.active = :active', { serviceId, mgr: true, active: true });
    return this.records(qb.orderBy('e.id', 'ASC'));
  }

  /** The active employees of a service, by last and first name. */
  async activeOfService(serviceId: string, tx?: Tx): Promise<EmployeeRecord[]> {
    const qb = this.withService(tx).where('e.service_id = :serviceId AND e.active = :active', { serviceId, active: true });
    return this.records(qb.orderBy('e.last_name', 'ASC').addOrderBy('e.first_name', 'ASC').addOrderBy('e.id', 'ASC'));
  }

  async findByUsername(username: string, tx?: Tx): Promise<EmployeeRecord | null> {
    return (await this.records(this.withService(tx).where('LOWER(e.username) = :u', { u: username.toLowerCase() })))[0] ?? null;
  }

  async findByExternalId(externalId: string, tx?: Tx): Promise<EmployeeRecord | null> {
    return (await this.records(this.withService(tx).where('LOWER(e.external_id) = :x', { x: externalId.toLowerCase() })))[0] ?? null;
  }

  /**
   * Which of `values` are an employee number, an external id or a username of the directory (case-insensitive): how
   * an import of aggregates (kpi's HR attendance totals) recognises a file that names people.
   */
  async personIdentifiersAmong(values: string[], tx?: Tx): Promise<string[]> {
    const wanted = [...new Set(values.map((v) => v.toLowerCase()))];
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += INSERT_CHUNK) {
      const v = wanted.slice(i, i + INSERT_CHUNK);
      const rows = await this.manager(tx)
        .createQueryBuilder(EmployeeEntity, 'e')
        .select(['LOWER(e.employee_number) AS n', 'LOWER(e.external_id) AS x', 'LOWER(e.username) AS u'])
        .where('LOWER(e.employee_number) IN (:...v) OR LOWER(e.external_id) IN (:...v) OR LOWER(e.username) IN (:...v)', { v })
        .getRawMany<{ n: string | null; x: string | null; u: string | null }>();
      for (const r of rows) for (const id of [r.n, r.x, r.u]) if (id) found.add(id);
    }
    return values.filter((v) => found.has(v.toLowerCase()));
  }

  /** Who else holds this number, external id or username (case-insensitive), other than `exceptId`. */
  async clashes(
    values: { employeeNumber?: string; externalId?: string | null; username?: string | null },
    exceptId: string | null,
    tx?: Tx,
  ): Promise<('employeeNumber' | 'externalId' | 'username')[]> {
    const found: ('employeeNumber' | 'externalId' | 'username')[] = [];
    const repo = this.manager(tx).createQueryBuilder(EmployeeEntity, 'e');
    const check = async (field: 'employeeNumber' | 'externalId' | 'username', where: string, value: string) => {
      const qb = repo.clone().select('e.id').where(where, { v: value });
      if (exceptId) qb.andWhere('e.id <> :exceptId', { exceptId });
      if (await qb.getExists()) found.push(field);
    };
    if (values.employeeNumber) await check('employeeNumber', 'e.employee_number = :v', values.employeeNumber);
    if (values.externalId) await check('externalId', 'LOWER(e.external_id) = :v', values.externalId.toLowerCase());
    if (values.username) await check('username', 'LOWER(e.username) = :v', values.username.toLowerCase());
    return found;
  }

  /** One keyset page; `limit + 1` rows are read to know whether another page follows. */
  async list(filter: EmployeeListFilter): Promise<EmployeeRecord[]> {
    const qb = this.withService();
    if (filter.serviceCode) qb.andWhere('s.code = :code', { code: filter.serviceCode });
    if (filter.active !== undefined) qb.andWhere('e.active = :active', { active: filter.active });
    if (filter.isManager !== undefined) qb.andWhere('e.is_manager = :mgr', { mgr: filter.isManager });
    if (filter.reach) inReachOnly(qb, filter.reach);
    if (filter.q) {
      const q = `%${escapeLike(filter.q.trim().toLowerCase())}%`;
      qb.andWhere(
        "(LOWER(e.last_name) LIKE :q ESCAPE '\\' OR LOWER(e.first_name) LIKE :q ESCAPE '\\' OR LOWER(e.first_name || ' ' || e.last_name) LIKE :q ESCAPE '\\'" +
          " OR LOWER(e.last_name || ' ' || e.first_name) LIKE :q ESCAPE '\\' OR LOWER(e.employee_number) LIKE :q ESCAPE '\\' OR LOWER(e.username) LIKE :q ESCAPE '\\')",
        { q },
      );
    }
    const columns = SORT_COLUMNS[filter.sort].map((c) => `e.${c}`);
    const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
    if (filter.after) {
      const params: Record<string, string> = {};
      filter.after.forEach((v, i) => (params[`k${i}`] = v));
      // Row-value comparison: (a, b, id) > (:a, :b, :id) — understood alike by SQLite (3.15+) and PostgreSQL.
      qb.andWhere(`(${columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${filter.after.map((_, i) => `:k${i}`).join(', ')})`, params);
    }
    columns.forEach((c, i) => (i === 0 ? qb.orderBy(c, direction) : qb.addOrderBy(c, direction)));
    return this.records(qb.limit(filter.limit + 1));
  }

  /** The ids of every employee (active or not) a manager's login reaches: the lists other features keep (agreements). */
  async idsInReach(reach: ManagerReach): Promise<string[]> {
    const qb = this.manager().createQueryBuilder(EmployeeEntity, 'e').select('e.id', 'id');
    const rows: { id: string }[] = await inReachOnly(qb, reach).getRawMany();
    return rows.map((r) => r.id);
  }

  /** Every employee in the columns the sync and the import compare: one query, no entity hydration. */
  async snapshots(tx?: Tx): Promise<ImportSnapshot[]> {
    // A plain statement: at 12,500 rows the query builder's raw-result mapping costs more than the query.
    const list = Object.entries(COLUMN_BY_FIELD)
      .map(([field, column]) => `${column} AS "${field}"`)
      .join(', ');
    const rows: Record<string, unknown>[] = await this.manager(tx).query(`SELECT ${list} FROM employees`);
    return rows.map((r) => ({
      id: r.id as string,
      employeeNumber: r.employeeNumber as string,
      externalId: (r.externalId as string | null) ?? null,
      source: r.source as string,
      username: (r.username as string | null) ?? null,
      firstName: r.firstName as string,
      lastName: r.lastName as string,
      email: (r.email as string | null) ?? null,
      serviceId: r.serviceId as string,
      profile: (r.profile as string | null) ?? null,
      category: (r.category as string | null) ?? null,
      isManager: Boolean(r.isManager),
      isDirectorGeneral: Boolean(r.isDirectorGeneral),
      disabledWorker: Boolean(r.disabledWorker),
      active: Boolean(r.active),
      deactivationReason: (r.deactivationReason as string | null) ?? null,
      directoryDn: (r.directoryDn as string | null) ?? null,
      version: Number(r.version),
    }));
  }

  /**
   * Multi-row INSERTs written by hand: TypeORM's insert builder spends most of a 12,500-row first sync escaping
   * parameters one by one; a plain parameterised statement per chunk is several times faster on both databases. On
   * SQLite the statement is prepared once and reused for every chunk (sqliteInsertMany).
   */
  async insertMany(tx: Tx, entities: EmployeeEntity[]): Promise<void> {
    const columns = INSERT_COLUMNS.map(([, column]) => column);
    if (tx.kind === 'postgres') {
      // One JSON array of rows per statement, unpacked by the server (jsonb_array_elements, a cast per column): one
      // parameter whatever the rows. JSON.stringify is native; the driver's escaping of 22 UNNEST arrays was ~100 ms
      // of the event loop for 12,500 rows, and the server's jsonb parse is faster than its array parse
      // (scripts/bench/directory-sync, 2026-12-07). VALUES lists of 11,000 parameters were slower than both.
      const extract = INSERT_COLUMNS.map(([, column], n) => `(e->>${n})::${pgType(column)}`).join(', ');
      for (let i = 0; i < entities.length; i += INSERT_CHUNK * 4) {
        const rows = entities.slice(i, i + INSERT_CHUNK * 4).map((e) => INSERT_COLUMNS.map(([field]) => e[field] ?? null));
        await tx.manager.query(`INSERT INTO employees (${columns.join(', ')}) SELECT ${extract} FROM jsonb_array_elements($1::jsonb) AS e`, [
          JSON.stringify(rows),
        ]);
      }
      return;
    }
    await sqliteInsertMany(
      tx,
      'employees',
      columns,
      entities.map((e) => INSERT_COLUMNS.map(([field]) => e[field])),
      INSERT_CHUNK,
    );
  }

  /**
   * Many `updateIfVersion` in a few statements: the updates that set the same columns go together, a chunk at a
   * time, as one `UPDATE … FROM (VALUES …)` conditional on each row's version (PostgreSQL and SQLite 3.33+ alike).
   * Returns the ids updated; the others changed meanwhile (their version moved) and are left as they are. A key set to
   * undefined is left out, as TypeORM's update does.
   */
  async updateManyIfVersion(tx: Tx, updates: { id: string; version: number; patch: Partial<EmployeeEntity> }[]): Promise<Set<string>> {
    const done = new Set<string>();
    const groups = new Map<string, typeof updates>();
    for (const u of updates) {
      const fields = Object.keys(u.patch)
        .filter((f) => f !== 'version' && (u.patch as Record<string, unknown>)[f] !== undefined)
        .sort();
      for (const f of fields) if (!COLUMN_OF[f]) throw new Error(`employees has no column for ${f}`);
      const key = fields.join(',');
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    const postgres = tx.kind === 'postgres';
    for (const [key, group] of groups) {
      const fields = key ? key.split(',') : [];
      const columns = ['id', 'version', ...fields.map((f) => COLUMN_OF[f])];
      for (let i = 0; i < group.length; i += UPDATE_CHUNK) {
        const chunk = group.slice(i, i + UPDATE_CHUNK);
        const params: unknown[] = [];
        const rows = chunk.map((u) => {
          const values = [u.id, u.version, ...fields.map((f) => (u.patch as Record<string, unknown>)[f] ?? null)];
          return `(${values
            .map((v, n) => {
              params.push(typeof v === 'boolean' && !postgres ? (v ? 1 : 0) : v);
              return postgres ? `$${params.length}::${pgType(columns[n])}` : '?';
            })
            .join(', ')})`;
        });
        const set = [...columns.slice(2).map((c) => `${c} = v.${c}`), 'version = employees.version + 1'].join(', ');
        const result: unknown[] = await tx.manager.query(
          `WITH v(${columns.join(', ')}) AS (VALUES ${rows.join(', ')}) ` +
            `UPDATE employees SET ${set} FROM v WHERE employees.id = v.id AND employees.version = v.version RETURNING employees.id AS id`,
          params,
        );
        // TypeORM answers an UPDATE on PostgreSQL as [rows, rowCount], rows otherwise
        const rowsUpdated = (postgres ? result[0] : result) as { id: string }[];
        for (const r of rowsUpdated) done.add(r.id);
      }
    }
    return done;
  }

  /** Optimistic update: applies only when the row is still at `version`; returns whether it did. */
  async updateIfVersion(tx: Tx, id: string, version: number, patch: Partial<EmployeeEntity>): Promise<boolean> {
    return (await this.updateManyIfVersion(tx, [{ id, version, patch }])).has(id);
  }

  async count(tx?: Tx): Promise<number> {
    return this.manager(tx).getRepository(EmployeeEntity).count();
  }
}

/** domain/service-manager.policy.ts `inReach`, as a condition on the employees aliased `e`. */
function inReachOnly<T extends SelectQueryBuilder<EmployeeEntity>>(qb: T, reach: ManagerReach): T {
  switch (reach.kind) {
    case 'nobody':
      return qb.andWhere('1 = 0');
    case 'everyone-else':
      return qb.andWhere('e.id <> :reachSelf', { reachSelf: reach.selfId });
    case 'service':
      return qb.andWhere('e.service_id = :reachService AND e.id <> :reachSelf AND e.is_manager = :reachNo AND e.is_director_general = :reachNo', {
        reachService: reach.serviceId,
        reachSelf: reach.selfId,
        reachNo: false,
      });
  }
}
