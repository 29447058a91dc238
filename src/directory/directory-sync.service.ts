import { Injectable, Logger } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AuditEntry, AuditService } from '../audit';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Clock, municipalToday } from '../common/clock';
import { Conflict, DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import { DirectoryProfile } from './domain/directory-profile';
import { PlannedCreations, SyncError, SyncPlan } from './domain/sync-plan';
import { changeTrackingOf, identityOf, SyncKind, Watermark } from './domain/sync-watermark';
import { DirectorySyncRunEntity, SyncRunTrigger } from './directory-sync-run.entity';
import { DirectorySyncRunRepository } from './directory-sync-run.repository';
import { EmployeeEntity } from './employee.entity';
import { EmployeeRepository } from './employee.repository';
import { LdapConnector } from './ldap/ldap-connector';
import { readAndPlan, SyncRead, SyncReadInput } from './directory-sync-read';
import { EmployeeSyncSnapshots, newEmployee } from './employee-sync-snapshots';
import { LeaverOffboarding } from './leaver-offboarding';
import { ServiceRepository } from './service.repository';
import { isUniqueViolation } from '../database/unique-violation';
import './directory-jobs';

/** Errors kept per run; error_count has the full number. */
const MAX_STORED_ERRORS = 200;
/** A run still holding the slot after this long died with its process: its slot may be taken over. */
const STALE_RUN_MS = 30 * 60_000;

type RunKindFacts = Pick<DirectorySyncRunEntity, 'kind' | 'kindReason' | 'changeTracking' | 'directoryIdentity' | 'scopeHash'>;

/**
 * Directory sync, full or incremental. A full run reads every person (paged), loads every employee once, plans in
 * memory and writes only what differs, in one transaction, with the offboarding jobs of the people who left
 * (missing from the read). An incremental run asks the directory only for entries changed since the watermark the
 * last good run left (AD uSNChanged against the DC's highestCommittedUSN, OpenLDAP entryCSN), loads only the
 * employees those entries may touch, and finds AD leavers among the tombstones; whenever the watermark cannot be
 * trusted (another DC, a restore, a new scope: see decideSync) the run reads everything instead and says why. The
 * safety limit applies to both. One run at a time, across instances (the run's running_slot).
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
  ) {
    this.snapshots = new EmployeeSyncSnapshots(uow.dataSource);
  }

  private readonly snapshots: EmployeeSyncSnapshots;

  /**
   * Queues a run (through the outbox); while one of the same kind is already queued, that one is returned. A manual
   * run is full unless asked otherwise: whoever presses "sync" expects leavers found.
   */
  async request(actor: Actor, trigger: SyncRunTrigger = 'manual', kind: SyncKind = 'full'): Promise<DirectorySyncRunEntity> {
    this.ldap.require();
    return this.uow.run(async (tx) => {
      const queued = await this.runs.findQueued(tx);
      if (queued && (queued.kind === kind || queued.kind === 'full')) return queued;
      const run = this.newRun(actor, trigger, 'queued', kind);
      await this.runs.insert(tx, run);
      await this.outbox.record(tx, 'directory.sync', { runId: run.id, trigger, mode: kind }, { jobId: `directory.sync-${run.id}` });
      await this.audit.record(tx, actor, {
        action: 'directory.sync_requested',
        entityType: 'directory_sync_run',
        entityId: run.id,
        summary: { trigger, kind },
      });
      return run;
    });
  }

  /** Runs now and returns the finished run (ok, refused or failed). 409 SYNC_IN_PROGRESS when one is running. */
  async runNow(actor: Actor, trigger: SyncRunTrigger = 'manual', kind: SyncKind = 'full'): Promise<DirectorySyncRunEntity> {
    this.ldap.require();
    const run = this.newRun(actor, trigger, 'running', kind);
    run.startedAt = run.requestedAt;
    run.runningSlot = 1;
    await this.takeSlot(() => this.uow.run((tx) => this.runs.insert(tx, run)));
    return this.execute(run);
  }

  /** The job: runs a queued run once (a replayed job finds it taken and skips). */
  async runQueued(runId: string | null, trigger: SyncRunTrigger, kind: SyncKind = 'incremental'): Promise<'done' | 'skipped'> {
    if (!this.ldap.configured) return 'skipped';
    if (!runId) {
      try {
        await this.runNow(SYSTEM_ACTOR, trigger, kind);
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

  private newRun(actor: Actor, trigger: SyncRunTrigger, status: 'queued' | 'running', kind: SyncKind): DirectorySyncRunEntity {
    return {
      kind,
      kindReason: null,
      changeTracking: null,
      watermark: null,
      directoryIdentity: null,
      scopeHash: null,
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
    let entries = 0;
    let kind: RunKindFacts = { kind: run.kind, kindReason: run.kindReason, changeTracking: null, directoryIdentity: null, scopeHash: null };
    try {
      const tracking = changeTrackingOf(profile);
      const scope = scopeHashOf(profile);
      const input: SyncReadInput = {
        profile,
        today,
        requested: run.kind,
        requestedReason: run.kind === 'full' ? (run.trigger === 'schedule' ? 'scheduled full reconciliation' : 'a full run was asked for') : '',
        tracking,
        scope,
        last: toWatermark(await this.runs.lastWatermarked()),
        serviceIdsByCode: this.services.idsByCode(),
        onEntries: (n) => (entries = n),
      };
      input.serviceIdsByCode.catch(() => undefined); // awaited by the plan
      const deps = { ldap: this.ldap, employees: this.employees, snapshots: this.snapshots };
      const factsOf = ({ read, decision }: SyncRead): RunKindFacts => ({
        kind: decision.kind,
        kindReason: decision.reason,
        changeTracking: tracking,
        directoryIdentity: identityOf(read.state),
        scopeHash: scope,
      });
      if (this.uow.kind === 'sqlite') {
        // SQLite has one writer: the run reads (and plans) first, then writes in one short transaction
        const r = await readAndPlan(deps, input);
        kind = factsOf(r);
        if (r.plan.refusal) return await this.refuse(run, r.plan, entries, t0, kind);
        const now = this.clock.nowIso();
        const finished = await this.uow.run((tx) =>
          this.applyIn(tx, run, r.plan, { entries, today, t0, now, created: r.handedOver }, { ...kind, watermark: r.read.state.highWater }),
        );
        return this.done(run, finished);
      }
      // PostgreSQL: a full run writes the people it creates while the directory is still answering, in the transaction
      // that then applies the rest (nobody sees them before it commits; a refusal or a failure rolls them back)
      const outcome = await this.uow
        .run(async (tx) => {
          const now = this.clock.nowIso();
          const r = await readAndPlan(deps, { ...input, tx, creations: (c) => this.create(tx, c, now) });
          kind = factsOf(r);
          if (r.plan.refusal) throw new Refused(r.plan);
          return this.applyIn(tx, run, r.plan, { entries, today, t0, now, created: r.handedOver }, { ...kind, watermark: r.read.state.highWater });
        })
        .catch((err: unknown) => {
          if (err instanceof Refused) return err;
          throw err;
        });
      if (outcome instanceof Refused) return await this.refuse(run, outcome.plan, entries, t0, kind);
      return this.done(run, outcome);
    } catch (err) {
      const failure = err instanceof DomainError ? `${err.code}: ${err.message}` : `unexpected: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error({ err, runId: run.id }, 'directory sync failed');
      const finished = {
        status: 'failed' as const,
        finishedAt: this.clock.nowIso(),
        durationMs: Math.round(performance.now() - t0),
        directoryEntries: entries,
        failure,
        ...kind,
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

  /** The people a plan creates and the services they need (before them: the employees refer to them). */
  private async create(tx: Tx, planned: PlannedCreations, now: string): Promise<void> {
    await this.services.insertMany(
      tx,
      planned.servicesToCreate.map((s) => ({ id: s.id, code: s.code, name: s.code, active: true, createdAt: now, updatedAt: now })),
    );
    await this.employees.insertMany(
      tx,
      planned.creates.map((c) => newEmployee(c.id, c.person, c.serviceId, now)),
    );
  }

  private done(run: DirectorySyncRunEntity, finished: Partial<DirectorySyncRunEntity>): DirectorySyncRunEntity {
    const { kind, created, updated, deactivated, reactivated, unchanged, skipped, durationMs } = finished;
    this.logger.log({ runId: run.id, kind, created, updated, deactivated, reactivated, unchanged, skipped, ms: durationMs }, 'directory sync done');
    return { ...run, ...finished, runningSlot: null };
  }

  private async refuse(run: DirectorySyncRunEntity, plan: SyncPlan, entries: number, t0: number, kind: RunKindFacts): Promise<DirectorySyncRunEntity> {
    const finished = {
      ...kind,
      // nothing was applied: the next run must read these changes again
      watermark: null,
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
        summary: {
          reason: plan.refusal,
          kind: kind.kind,
          wouldDeactivate: plan.counts.deactivated,
          activeDirectoryEmployees: plan.activeDirectoryEmployees,
        },
      });
    });
    this.logger.warn({ runId: run.id, reason: plan.refusal }, 'directory sync refused');
    return { ...run, ...finished, runningSlot: null };
  }

  /** Writes a plan (its creations too unless `created`) and finishes the run, in the caller's transaction. */
  private async applyIn(
    tx: Tx,
    run: DirectorySyncRunEntity,
    plan: SyncPlan,
    at: { entries: number; today: string; t0: number; now: string; created: boolean },
    kind: RunKindFacts & { watermark: string | null },
  ): Promise<Partial<DirectorySyncRunEntity>> {
    const { entries, today, t0, now } = at;
    const counts = { ...plan.counts };
    const errors: SyncError[] = [...plan.errors];
    if (!at.created) await this.create(tx, plan, now);
    const patches = plan.updates.map((u) => {
      const patch: Partial<EmployeeEntity> = { ...(u.changes as Partial<EmployeeEntity>), updatedAt: now, lastSyncedAt: now };
      if (u.activity?.active === false) Object.assign(patch, { active: false, deactivatedAt: now, deactivationReason: u.activity.reason });
      if (u.activity?.active === true) Object.assign(patch, { active: true, deactivatedAt: null, deactivationReason: null });
      return { id: u.id, version: u.version, patch };
    });
    const updated = await this.employees.updateManyIfVersion(tx, patches);
    const events: AuditEntry[] = [];
    for (const u of plan.updates) {
      if (!updated.has(u.id)) {
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
        events.push({
          action: deactivated ? 'employee.deactivated' : 'employee.reactivated',
          entityType: 'employee',
          entityId: u.id,
          summary: { by: 'directory_sync', runId: run.id, reason: deactivated ? (u.activity as { reason: string }).reason : null },
        });
      }
    }
    await this.audit.recordMany(tx, SYSTEM_ACTOR, events);
    // An update skipped because the employee changed meanwhile is retried by the next run only if the
    // watermark does not move past it: leave none, so the next run continues from the previous one.
    const conflicts = errors.some((e) => e.field === 'version');
    const values = {
      ...kind,
      watermark: conflicts ? null : kind.watermark,
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
      summary: { ...counts, errors: errors.length, entries, kind: kind.kind },
    });
    return values;
  }
}

/** Base, filter, key and mapping: a run with another scope cannot continue from this one's watermark. */
function scopeHashOf(profile: DirectoryProfile): string {
  const scope = {
    userBaseDn: profile.userBaseDn,
    userFilter: profile.userFilter,
    key: profile.key,
    attributes: profile.attributes,
    manager: profile.manager ?? null,
  };
  return createHash('sha256')
    .update(JSON.stringify({ ...scope, disabled: profile.disabled }))
    .digest('hex');
}

function toWatermark(run: DirectorySyncRunEntity | null): Watermark | null {
  if (!run?.watermark || !run.changeTracking || run.directoryIdentity === null || !run.scopeHash) return null;
  return {
    tracking: changeTrackingOf({ key: { format: '' }, changeTracking: run.changeTracking } as { key: { format: string } }),
    highWater: run.watermark,
    identity: run.directoryIdentity,
    scope: run.scopeHash,
  };
}

/** A plan the safety limit refused, thrown out of the transaction that had started writing it (rolled back). */
class Refused extends Error {
  constructor(readonly plan: SyncPlan) {
    super(plan.refusal ?? 'refused');
  }
}
