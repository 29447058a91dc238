import { DataSource } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { EmployeeSnapshot } from './domain/sync-plan';
import { DirectoryPerson } from './domain/directory-entry';
import { EmployeeEntity } from './employee.entity';

/** Values per IN list: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

const COLUMNS = [
  'id AS "id"',
  'employee_number AS "employeeNumber"',
  'external_id AS "externalId"',
  'source AS "source"',
  'username AS "username"',
  'first_name AS "firstName"',
  'last_name AS "lastName"',
  'email AS "email"',
  'service_id AS "serviceId"',
  'profile AS "profile"',
  'category AS "category"',
  'is_manager AS "isManager"',
  'active AS "active"',
  'deactivation_reason AS "deactivationReason"',
  'directory_dn AS "directoryDn"',
  'version AS "version"',
].join(', ');

/**
 * What an incremental sync needs from the employees table: only the employees the changed entries may touch (same
 * stable key, number or username, so the plan's uniqueness checks still see every clash) and the number of
 * active directory employees (the base of the safety limit), instead of all 12,500 rows.
 */
export class EmployeeSyncSnapshots {
  constructor(private readonly dataSource: DataSource) {}

  /** In `tx` when given (a run that reads inside its own transaction needs no second connection). */
  async matching(keys: string[], numbers: string[], usernames: string[], tx?: Tx): Promise<EmployeeSnapshot[]> {
    const manager = tx?.manager ?? this.dataSource.manager;
    const byId = new Map<string, EmployeeSnapshot>();
    const lookups: [string, string[]][] = [
      ['LOWER(external_id)', keys.map((k) => k.toLowerCase())],
      ['employee_number', numbers],
      ['LOWER(username)', usernames.map((u) => u.toLowerCase())],
    ];
    const postgres = this.dataSource.options.type === 'postgres';
    for (const [column, values] of lookups) {
      const unique = [...new Set(values)];
      for (let i = 0; i < unique.length; i += CHUNK) {
        const chunk = unique.slice(i, i + CHUNK);
        const marks = chunk.map((_, n) => (postgres ? `$${n + 1}` : '?')).join(', ');
        const rows: Record<string, unknown>[] = await manager.query(`SELECT ${COLUMNS} FROM employees WHERE ${column} IN (${marks})`, chunk);
        for (const r of rows) byId.set(r.id as string, toSnapshot(r));
      }
    }
    return [...byId.values()];
  }

  async activeDirectoryEmployees(tx?: Tx): Promise<number> {
    const rows: { n: number | string }[] = await (tx?.manager ?? this.dataSource.manager).query(
      `SELECT COUNT(*) AS n FROM employees WHERE source = 'directory' AND active = ${this.dataSource.options.type === 'postgres' ? 'true' : '1'}`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}

function toSnapshot(r: Record<string, unknown>): EmployeeSnapshot {
  return {
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
    active: Boolean(r.active),
    deactivationReason: (r.deactivationReason as string | null) ?? null,
    directoryDn: (r.directoryDn as string | null) ?? null,
    version: Number(r.version),
  };
}

/** The employee row a directory entry seen for the first time becomes. */
export function newEmployee(id: string, p: DirectoryPerson, serviceId: string, now: string): EmployeeEntity {
  return {
    id,
    employeeNumber: p.employeeNumber,
    externalId: p.key,
    source: 'directory',
    username: p.username,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    serviceId,
    profile: p.profile,
    category: p.category,
    isManager: p.isManager ?? false,
    isDirectorGeneral: false,
    disabledWorker: false,
    active: !p.disabled,
    deactivatedAt: p.disabled ? now : null,
    deactivationReason: p.disabled ? 'disabled_in_directory' : null,
    lastSyncedAt: now,
    directoryDn: p.dn,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
