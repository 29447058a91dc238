import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AuditService } from '../audit';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { Conflict, DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import { DirectoryPerson, EntryProblem, requestedAttributes, toDirectoryPerson } from './domain/directory-entry';
import { planSync, SyncError, SyncPlan } from './domain/sync-plan';
import { DirectorySyncRunEntity, SyncRunTrigger } from './directory-sync-run.entity';
import { DirectorySyncRunRepository } from './directory-sync-run.repository';
import { EmployeeEntity } from './employee.entity';
import { EmployeeRepository } from './employee.repository';
import { LdapConnector } from './ldap/ldap-connector';
import { LeaverOffboarding } from './leaver-offboarding';
import { ServiceRepository } from './service.repository';
import { isUniqueViolation } from '../database/unique-violation';
import './directory-jobs';

/** Errors kept per run; error_count has the full number. */
const MAX_STORED_ERRORS = 200;
/** A run still holding the slot after this long died with its process: its slot may be taken over. */
const STALE_RUN_MS = 30 * 60_000;

/**
 * Directory sync: reads every person (paged), loads every employee once, plans in memory and writes only what
 * differs, in one transaction, with the offboarding jobs of the people who left. A re-sync where nothing
 * changed writes nothing but its run row. One run at a time, across instances (the run's running_slot).
 */
@Injectable()
export class DirectorySyncService {
  private readonly logger = new Logger('DirectorySync');

  constructor(
    private readonly ldap: LdapConnector,
    private readonly employees: EmployeeRepository,
    private readonly services: ServiceRepository,
    private readonly runs: DirectorySyncRunRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly leavers: LeaverOffboarding,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Queues a run (through the outbox); while one is already queued, that one is returned. */
  async request(actor: Actor, trigger: SyncRunTrigger = 'manual'): Promise<DirectorySyncRunEntity> {
    this.ldap.require();
    return this.uow.run(async (tx) => {
      const queued = await this.runs.findQueued(tx);
      if (queued) return queued;
      const run = this.newRun(actor, trigger, 'queued');
      await this.runs.insert(tx, run);
      await this.outbox.record(tx, 'directory.sync', { runId: run.id, trigger }, { jobId: `directory.sync-${run.id}` });
      await this.audit.record(tx, actor, { action: 'directory.sync_requested', entityType: 'directory_sync_run', entityId: run.id, summary: { trigger } });
      return run;
    });
  }

  /** Runs now and returns the finished run (ok, refused or failed). 409 SYNC_IN_PROGRESS when one is running. */
  async runNow(actor: Actor, trigger: SyncRunTrigger = 'manual'): Promise<DirectorySyncRunEntity> {
    this.ldap.require();
    const run = this.newRun(actor, trigger, 'running');
    run.startedAt = run.requestedAt;
    run.runningSlot = 1;
    await this.takeSlot(() => this.uow.run((tx) => this.runs.insert(tx, run)));
    return this.execute(run);
  }

  /** The job: runs a queued run once (a replayed job finds it taken and skips). */
  async runQueued(runId: string | null, trigger: SyncRunTrigger): Promise<'done' | 'skipped'> {
    if (!this.ldap.configured) return 'skipped';
    if (!runId) {
      try {
        await this.runNow(SYSTEM_ACTOR, trigger);
      } catch (err) {
        // Another instance (or a manual run) is already syncing: this tick has nothing to add.
        if (err instanceof DomainError && err.code === 'SYNC_IN_PROGRESS') return 'skipped';
        throw err;
      }
      return 'done';
    }
    const startedAt = this.clock.nowIso();
    const claimed = await this.takeSlot(() => this.uow.run((tx) => this.runs.claim(tx, runId, startedAt)));
    if (!claimed) return 'skipped';
    const run = await this.runs.findById(runId);
    if (!run) return 'skipped';
    await this.execute(run);
    return 'done';
  }

  private newRun(actor: Actor, trigger: SyncRunTrigger, status: 'queued' | 'running'): DirectorySyncRunEntity {
    return {
      id: randomUUID(),
      status,
      trigger,
      requestedBy: actor.id,
      requestedAt: this.clock.nowIso(),
      startedAt: null,
      finishedAt: null,
      created: 0,
      updated: 0,
      deactivated: 0,
      reactivated: 0,
      unchanged: 0,
      skipped: 0,
      directoryEntries: 0,
      errors: '[]',
      errorCount: 0,
      durationMs: null,
      refusalReason: null,
      failure: null,
      runningSlot: null,
    };
  }

  /** The unique running slot: a second run meets the index. A holder older than STALE_RUN_MS is released. */
  private async takeSlot<T>(take: () => Promise<T>): Promise<T> {
    try {
      return await take();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const holder = await this.runs.findRunning();
      const stale = holder?.startedAt && Date.parse(holder.startedAt) < this.clock.now().getTime() - STALE_RUN_MS;
      if (!holder || !stale) throw new Conflict('SYNC_IN_PROGRESS', 'A directory sync is already running', { runId: holder?.id ?? null });
      await this.uow.run((tx) =>
        this.runs.finish(tx, holder.id, { status: 'failed', failure: 'abandoned: its process stopped', finishedAt: this.clock.nowIso() }),
      );
      return take();
    }
  }

  private async execute(run: DirectorySyncRunEntity): Promise<DirectorySyncRunEntity> {
    const t0 = performance.now();
    const { profile } = this.ldap.require();
    const today = municipalToday(this.clock, this.config);
    const people: DirectoryPerson[] = [];
    const problems: EntryProblem[] = [];
    let entries = 0;
    try {
      // The directory read and the employee load are independent: overlap them.
      const [existing, serviceIdsByCode] = await Promise.all([
        this.employees.snapshots(),
        this.services.idsByCode(),
        this.ldap.forEachPersonPage(requestedAttributes(profile), (page) => {
          entries += page.length;
          for (const entry of page) {
            const r = toDirectoryPerson(entry, profile, today);
            if (r.ok) people.push(r.person);
            else problems.push(r.problem);
          }
        }),
      ]);
      const plan = planSync({
        people,
        problems,
        existing,
        serviceIdsByCode,
        autoCreateServices: profile.services.autoCreate,
        maxDeactivationShare: profile.maxDeactivationShare,
        newId: randomUUID,
      });
      if (plan.refusal) return await this.refuse(run, plan, entries, t0);
      return await this.apply(run, plan, entries, today, t0);
    } catch (err) {
      const failure = err instanceof DomainError ? `${err.code}: ${err.message}` : `unexpected: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error({ err, runId: run.id }, 'directory sync failed');
      const finished = {
        status: 'failed' as const,
        finishedAt: this.clock.nowIso(),
        durationMs: Math.round(performance.now() - t0),
        directoryEntries: entries,
        failure,
      };
      await this.uow.run(async (tx) => {
        await this.runs.finish(tx, run.id, finished);
        await this.audit.record(tx, SYSTEM_ACTOR, {
          action: 'directory.sync_failed',
          entityType: 'directory_sync_run',
          entityId: run.id,
          summary: { failure },
        });
      });
      return { ...run, ...finished, runningSlot: null };
    }
  }

  private async refuse(run: DirectorySyncRunEntity, plan: SyncPlan, entries: number, t0: number): Promise<DirectorySyncRunEntity> {
    const finished = {
      status: 'refused' as const,
      finishedAt: this.clock.nowIso(),
      durationMs: Math.round(performance.now() - t0),
      directoryEntries: entries,
      refusalReason: plan.refusal,
      // What the run would have done, so the refusal can be judged; none of it was written.
      ...plan.counts,
      errors: JSON.stringify(plan.errors.slice(0, MAX_STORED_ERRORS)),
      errorCount: plan.errors.length,
    };
    await this.uow.run(async (tx) => {
      await this.runs.finish(tx, run.id, finished);
      await this.audit.record(tx, SYSTEM_ACTOR, {
        action: 'directory.sync_refused',
        entityType: 'directory_sync_run',
        entityId: run.id,
        summary: { reason: plan.refusal, wouldDeactivate: plan.counts.deactivated, activeDirectoryEmployees: plan.activeDirectoryEmployees },
      });
    });
    this.logger.warn({ runId: run.id, reason: plan.refusal }, 'directory sync refused');
    return { ...run, ...finished, runningSlot: null };
  }

  private async apply(run: DirectorySyncRunEntity, plan: SyncPlan, entries: number, today: string, t0: number): Promise<DirectorySyncRunEntity> {
    const now = this.clock.nowIso();
    const counts = { ...plan.counts };
    const errors: SyncError[] = [...plan.errors];
    const finished = await this.uow.run(async (tx) => {
      await this.services.insertMany(
        tx,
        plan.servicesToCreate.map((s) => ({ id: s.id, code: s.code, name: s.code, active: true, createdAt: now, updatedAt: now })),
      );
      await this.employees.insertMany(
        tx,
        plan.creates.map((c) => newEmployee(c.id, c.person, c.serviceId, now)),
      );
      for (const u of plan.updates) {
        const patch: Partial<EmployeeEntity> = { ...(u.changes as Partial<EmployeeEntity>), updatedAt: now, lastSyncedAt: now };
        if (u.activity?.active === false) Object.assign(patch, { active: false, deactivatedAt: now, deactivationReason: u.activity.reason });
        if (u.activity?.active === true) Object.assign(patch, { active: true, deactivatedAt: null, deactivationReason: null });
        if (!(await this.employees.updateIfVersion(tx, u.id, u.version, patch))) {
          // Changed by someone else since we read it: leave it for the next run.
          const bucket = u.activity?.active === false ? 'deactivated' : u.activity?.active === true ? 'reactivated' : 'updated';
          counts[bucket] -= 1;
          counts.skipped += 1;
          errors.push({ dn: null, key: null, field: 'version', reason: `employee ${u.id} changed during the sync; retried next run` });
          continue;
        }
        if (u.activity) {
          const deactivated = u.activity.active === false;
          if (deactivated) await this.leavers.record(tx, u.id, today);
          await this.audit.record(tx, SYSTEM_ACTOR, {
            action: deactivated ? 'employee.deactivated' : 'employee.reactivated',
            entityType: 'employee',
            entityId: u.id,
            summary: { by: 'directory_sync', runId: run.id, reason: deactivated ? (u.activity as { reason: string }).reason : null },
          });
        }
      }
      const values = {
        status: 'ok' as const,
        finishedAt: this.clock.nowIso(),
        durationMs: Math.round(performance.now() - t0),
        directoryEntries: entries,
        ...counts,
        errors: JSON.stringify(errors.slice(0, MAX_STORED_ERRORS)),
        errorCount: errors.length,
      };
      await this.runs.finish(tx, run.id, values);
      await this.audit.record(tx, SYSTEM_ACTOR, {
        action: 'directory.synced',
        entityType: 'directory_sync_run',
        entityId: run.id,
        summary: { ...counts, errors: errors.length, entries },
      });
      return values;
    });
    this.logger.log({ runId: run.id, ...counts, ms: finished.durationMs }, 'directory sync done');
    return { ...run, ...finished, runningSlot: null };
  }
}

function newEmployee(id: string, p: DirectoryPerson, serviceId: string, now: string): EmployeeEntity {
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
