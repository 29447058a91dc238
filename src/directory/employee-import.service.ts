import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { importErrorList } from '../common/csv/import-errors';
import { Conflict, RuleViolation } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { CsvError, parseEmployeeCsv } from './domain/employee-csv';
import { ImportPlan, planImport } from './domain/employee-import-plan';
import { importAuthorityErrors } from './domain/signing-authority.policy';
import { EmployeeEntity } from './employee.entity';
import { EmployeeRepository } from './employee.repository';
import { LeaverOffboarding } from './leaver-offboarding';
import { ServiceRepository } from './service.repository';
import { isUniqueViolation } from '../database/unique-violation';

export interface ImportReport {
  dryRun: boolean;
  valid: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  /** the first IMPORT_ERROR_LIMIT errors */
  errors: CsvError[];
  errorCount: number;
  truncated: boolean;
}

export type ImportProgress = (done: number, total: number) => void;

const WRITE_CHUNK = 500;

/**
 * Employee CSV import. A dry run reports every problem of every line and what would change, writing nothing.
 * A real run writes all or nothing: any error refuses the whole file (422 IMPORT_REJECTED listing every error);
 * otherwise creations and updates commit in one transaction with their audit event and offboarding jobs.
 */
@Injectable()
export class EmployeeImportService {
  constructor(
    private readonly employees: EmployeeRepository,
    private readonly services: ServiceRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly leavers: LeaverOffboarding,
  ) {}

  async import(actor: Actor, text: string, dryRun: boolean, progress?: ImportProgress): Promise<ImportReport> {
    const parsed = parseEmployeeCsv(text);
    const planWith = async (tx?: Tx): Promise<ImportPlan> => {
      const [existing, serviceIdsByCode] = await Promise.all([this.employees.snapshots(tx), this.services.idsByCode(tx)]);
      const plan = planImport({ rows: parsed.rows, invalidLines: parsed.invalidLines, existing, serviceIdsByCode, newId: randomUUID });
      plan.errors = [...parsed.errors, ...plan.errors, ...importAuthorityErrors(plan, existing, actor.role)].sort((a, b) => a.line - b.line);
      return plan;
    };
    const report = (plan: ImportPlan): ImportReport => ({
      dryRun,
      valid: plan.errors.length === 0,
      total: parsed.total,
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      ...importErrorList(plan.errors),
    });
    if (dryRun) return report(await planWith());
    try {
      return await this.uow.run(async (tx) => {
        const plan = await planWith(tx);
        if (plan.errors.length) {
          throw new RuleViolation('IMPORT_REJECTED', `The file has ${plan.errors.length} error(s); nothing was imported`, { ...importErrorList(plan.errors) });
        }
        await this.write(tx, actor, plan, progress);
        return report(plan);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict('IMPORT_CONFLICT', 'Employees changed while the file was imported; nothing was imported, try again');
      throw err;
    }
  }

  private async write(tx: Tx, actor: Actor, plan: ImportPlan, progress?: ImportProgress): Promise<void> {
    const now = this.clock.nowIso();
    const today = municipalToday(this.clock, this.config);
    const total = plan.creates.length + plan.updates.length;
    let done = 0;
    const entities: EmployeeEntity[] = plan.creates.map(({ id, row, serviceId }) => ({
      id,
      employeeNumber: row.employeeNumber,
      externalId: row.externalId ?? null,
      source: 'csv',
      username: row.username ?? null,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email ?? null,
      serviceId,
      profile: row.profile ?? null,
      category: row.category ?? null,
      isManager: row.isManager ?? false,
      isDirectorGeneral: row.isDirectorGeneral ?? false,
      disabledWorker: row.disabledWorker ?? false,
      active: row.active ?? true,
      deactivatedAt: row.active === false ? now : null,
      deactivationReason: row.active === false ? 'inactive_in_import' : null,
      lastSyncedAt: null,
      directoryDn: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    for (let i = 0; i < entities.length; i += WRITE_CHUNK) {
      await this.employees.insertMany(tx, entities.slice(i, i + WRITE_CHUNK));
      done += Math.min(WRITE_CHUNK, entities.length - i);
      progress?.(done, total);
    }
    let deactivated = 0;
    for (let i = 0; i < plan.updates.length; i += WRITE_CHUNK) {
      const chunk = plan.updates.slice(i, i + WRITE_CHUNK);
      const updated = await this.employees.updateManyIfVersion(
        tx,
        chunk.map((u) => {
          const patch: Partial<EmployeeEntity> = { ...u.changes, updatedAt: now };
          if (u.changes.active === false) Object.assign(patch, { deactivatedAt: now, deactivationReason: 'inactive_in_import' });
          if (u.changes.active === true) Object.assign(patch, { deactivatedAt: null, deactivationReason: null });
          return { id: u.id, version: u.version, patch };
        }),
      );
      const changed = chunk.find((u) => !updated.has(u.id));
      if (changed)
        throw new Conflict('IMPORT_CONFLICT', `The employee of line ${changed.line} changed while the file was imported; nothing was imported, try again`);
      for (const u of chunk) {
        if (u.changes.active !== false) continue;
        deactivated += 1;
        await this.leavers.record(tx, u.id, today);
      }
      done += chunk.length;
      progress?.(done, total);
    }
    progress?.(total, total);
    await this.audit.record(tx, actor, {
      action: 'employees.imported',
      entityType: 'employee_import',
      entityId: randomUUID(),
      summary: { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, deactivated },
    });
  }
}
