import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor } from '../common/auth/roles';
import { importErrorList } from '../common/csv/import-errors';
import { DomainError } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { ActivityEntity } from './activity.entity';
import { ActivityRepository } from './activity.repository';
import { ParsedMap, parseActivityMap } from './domain/activity-map.parser';
import { parseTransversalTable } from './domain/transversal-table.parser';
import { ActivityImportPlan, planActivityImport } from './domain/activity-import.plan';
import { ActivityImportReportDto } from './dto/activities.dto';

/**
 * Imports the activity map atomically: a file with any bad row writes nothing (and says which rows, lines and
 * columns); a good file is applied in one transaction. Re-importing the same file finds every activity by its
 * natural key and reports it unchanged.
 */
@Injectable()
export class ActivityImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly activities: ActivityRepository,
    private readonly directory: EmployeeDirectory,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async import(actor: Actor, text: unknown, dryRun: boolean): Promise<ActivityImportReportDto> {
    return this.run(actor, text, dryRun, false);
  }

  /** The 11 transversal activities (Allegato 1, last table; format of data/transversal-activities.tsv), same rules. */
  async importTransversal(actor: Actor, text: unknown, dryRun: boolean): Promise<ActivityImportReportDto> {
    return this.run(actor, text, dryRun, true);
  }

  private async run(actor: Actor, text: unknown, dryRun: boolean, transversal: boolean): Promise<ActivityImportReportDto> {
    const what = transversal ? 'transversal activities table' : 'activity map';
    if (typeof text !== 'string' || text.trim() === '') {
      throw new DomainError(
        'validation',
        'IMPORT_BODY_REQUIRED',
        `Send the ${what} as the request body with content type text/tab-separated-values, text/csv or text/plain`,
      );
    }
    const parsed = transversal ? parseTransversalTable(text) : parseActivityMap(text);
    if (parsed.errors.length > 0) {
      const report = this.report(parsed, dryRun, null);
      if (dryRun) return report;
      const code = transversal ? 'TRANSVERSAL_IMPORT_INVALID' : 'ACTIVITY_IMPORT_INVALID';
      throw new DomainError('validation', code, `The ${what} has ${parsed.errors.length} problem(s); nothing was imported`, {
        errors: report.errors,
        errorCount: report.errorCount,
        truncated: report.truncated,
        rows: report.rows,
      });
    }
    if (dryRun) return this.report(parsed, true, await this.plan(parsed));
    return this.uow.run(async (tx) => {
      const plan = await this.plan(parsed, tx);
      await this.apply(tx, plan, transversal);
      const report = this.report(parsed, false, plan);
      await this.audit.record(tx, actor, {
        action: transversal ? 'activities.transversal_import' : 'activities.import',
        entityType: 'activity_map',
        entityId: transversal ? 'transversal_activities' : 'activities',
        summary: {
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          servicesCreated: report.servicesCreated.map((s) => s.code),
        },
      });
      return report;
    });
  }

  private async plan(parsed: ParsedMap, tx?: Tx): Promise<ActivityImportPlan> {
    const codes = [...new Set(parsed.rows.map((r) => r.serviceCode))];
    const services = await this.directory.servicesByCodes(codes, tx);
    const existing = await this.activities.findByNaturalKeys(
      parsed.rows.map((r) => r.naturalKey),
      tx,
    );
    return planActivityImport(parsed.rows, new Map(services.map((s) => [s.code, s.name])), existing);
  }

  private async apply(tx: Tx, plan: ActivityImportPlan, transversal: boolean): Promise<void> {
    const now = this.clock.nowIso();
    // An existing service (same code) is never renamed by an activity map.
    for (const s of plan.servicesToCreate) await this.directory.ensureService(tx, s.code, s.name);
    const codes = [...new Set(plan.creates.map((r) => r.serviceCode))];
    const serviceIds = new Map((await this.directory.servicesByCodes(codes, tx)).map((s) => [s.code, s.id]));
    const rows: ActivityEntity[] = plan.creates.map((r) => ({
      id: randomUUID(),
      naturalKey: r.naturalKey,
      serviceId: serviceIds.get(r.serviceCode)!,
      serviceCode: r.serviceCode,
      macroActivity: r.macroActivity,
      name: r.name,
      mode: r.mode,
      notes: r.notes,
      transversal,
      createdAt: now,
      updatedAt: now,
    }));
    await this.activities.insertMany(tx, rows);
    for (const u of plan.updates) {
      await this.activities.update(tx, u.id, { macroActivity: u.row.macroActivity, name: u.row.name, mode: u.row.mode, notes: u.row.notes, updatedAt: now });
    }
  }

  private report(parsed: ParsedMap, dryRun: boolean, plan: ActivityImportPlan | null): ActivityImportReportDto {
    return {
      dryRun,
      valid: parsed.errors.length === 0,
      format: parsed.format,
      rows: parsed.total,
      created: plan?.creates.length ?? 0,
      updated: plan?.updates.length ?? 0,
      unchanged: plan?.unchanged ?? 0,
      servicesCreated: plan?.servicesToCreate ?? [],
      serviceNameDifferences: plan?.serviceNameDifferences ?? [],
      ...importErrorList(parsed.errors),
    };
  }
}
