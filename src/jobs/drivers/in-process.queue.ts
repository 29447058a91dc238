import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UnitOfWork } from '../../database/unit-of-work';
import { JobQueue } from '../job-queue';
import { JobRegistry } from '../job-registry';
import { FailedJob, JobName, JobOptions, JobPayloads, QueueCounts, ScheduleSpec, assertJobId, backoffDelay } from '../job-types';
import { LocalJobEntity } from './local-job.entity';

export interface InProcessQueueOptions {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  timeZone: string;
  pollMs?: number;
  leaseMs?: number;
  /** Single-instance database (SQLite): jobs left active by a crash are ours to resume at once. */
  exclusive: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Jobs kept in the service's own database, so they survive a crash exactly like BullMQ's survive in Redis.
 * Claims are conditional updates (`… WHERE status = 'waiting'`), safe with several processes on PostgreSQL.
 * Job timing uses the wall clock, not the domain Clock: a frozen business date must not freeze retries.
 */
export class InProcessQueue extends JobQueue {
  readonly driver = 'in-process' as const;
  private readonly logger = new Logger('InProcessQueue');
  private readonly owner = randomUUID();
  private readonly inFlight = new Map<string, Promise<void>>();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private wakeRequested = false;
  private loop: Promise<void> | null = null;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private lastReclaim = Date.now();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly registry: JobRegistry,
    private readonly schedulerRegistry: SchedulerRegistry,
    private readonly options: InProcessQueueOptions,
  ) {
    super();
    this.pollMs = options.pollMs ?? 250;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  private get repo() {
    return this.dataSource.getRepository(LocalJobEntity);
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    const jobId = options.jobId ?? `job-${randomUUID()}`;
    assertJobId(jobId);
    const registered = this.registry.get(name);
    const now = Date.now();
    await this.uow.run((tx) =>
      tx.manager
        .createQueryBuilder()
        .insert()
        .into(LocalJobEntity)
        .values({
          id: randomUUID(),
          jobId,
          name,
          payload: JSON.stringify(payload ?? {}),
          status: 'waiting',
          attempts: 0,
          maxAttempts: registered?.attempts ?? this.options.attempts,
          backoffMs: registered?.backoffMs ?? this.options.backoffMs,
          runAt: iso(now + (options.delayMs ?? 0)),
          createdAt: iso(now),
        })
        .orIgnore()
        .execute(),
    );
    this.wake();
  }

  async listFailed(limit = 100): Promise<FailedJob[]> {
    const rows = await this.repo.find({ where: { status: 'failed' }, order: { finishedAt: 'DESC' }, take: limit });
    return rows.map((r) => ({
      id: r.jobId,
      name: r.name,
      payload: JSON.parse(r.payload) as unknown,
      attempts: r.attempts,
      error: r.lastError ?? '',
      failedAt: r.finishedAt,
    }));
  }

  async retryFailed(id: string): Promise<boolean> {
    const result = await this.uow.run((tx) =>
      tx.manager
        .createQueryBuilder()
        .update(LocalJobEntity)
        .set({ status: 'waiting', attempts: 0, runAt: iso(Date.now()), lastError: null, finishedAt: null })
        .where("job_id = :id AND status = 'failed'", { id })
        .execute(),
    );
    this.wake();
    return (result.affected ?? 0) > 0;
  }

  async counts(): Promise<QueueCounts> {
    const now = iso(Date.now());
    const rows: { status: string; due: number | string; n: number | string }[] = await this.repo
      .createQueryBuilder('j')
      .select('j.status', 'status')
      .addSelect('CASE WHEN j.run_at <= :now THEN 1 ELSE 0 END', 'due')
      .addSelect('COUNT(*)', 'n')
      .setParameter('now', now)
      .groupBy('j.status')
      .addGroupBy('CASE WHEN j.run_at <= :now THEN 1 ELSE 0 END')
      .getRawMany();
    const counts: QueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 };
    for (const row of rows) {
      const n = Number(row.n);
      if (row.status === 'waiting') counts[Number(row.due) === 1 ? 'waiting' : 'delayed'] += n;
      else if (row.status in counts) counts[row.status as keyof QueueCounts] += n;
    }
    return counts;
  }

  async schedule(spec: ScheduleSpec): Promise<void> {
    const enqueue = (tick: number) => {
      const jobId = `sched.${spec.id}.${tick}`;
      this.add(spec.job, spec.payload, { jobId }).catch((err: unknown) => this.logger.error({ err, schedule: spec.id }, 'schedule could not enqueue'));
    };
    const name = `schedule:${spec.id}`;
    if (spec.cron) {
      if (this.schedulerRegistry.doesExist('cron', name)) this.schedulerRegistry.deleteCronJob(name);
      const job = CronJob.from({
        cronTime: spec.cron,
        timeZone: this.options.timeZone,
        onTick: () => enqueue(Math.floor(Date.now() / 60_000)),
        start: true,
      });
      this.schedulerRegistry.addCronJob(name, job);
    } else if (spec.everyMs) {
      if (this.schedulerRegistry.doesExist('interval', name)) this.schedulerRegistry.deleteInterval(name);
      const everyMs = spec.everyMs;
      this.schedulerRegistry.addInterval(
        name,
        setInterval(() => enqueue(Math.floor(Date.now() / everyMs)), everyMs),
      );
    } else {
      throw new Error(`schedule ${spec.id} needs cron or everyMs`);
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.recoverAbandoned();
    this.running = true;
    this.loop = this.run();
  }

  async stop(timeoutMs: number): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    const pending = Promise.allSettled([...this.inFlight.values()]);
    const timedOut = await Promise.race([pending.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref())]);
    if (timedOut) this.logger.warn({ jobs: this.inFlight.size }, 'shutdown timeout: jobs still running will be resumed at next start');
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  private wake(): void {
    this.wakeRequested = true;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.resolveSleep?.();
    }
  }

  private resolveSleep?: () => void;

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.resolveSleep = resolve;
      this.timer = setTimeout(() => {
        this.timer = null;
        resolve();
      }, ms);
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.wakeRequested = false;
      let claimed = 0;
      try {
        if (Date.now() - this.lastReclaim >= this.leaseMs / 3) {
          this.lastReclaim = Date.now();
          await this.reclaimExpired();
        }
        const free = this.options.concurrency - this.inFlight.size;
        if (free > 0) claimed = await this.claimAndRun(free);
      } catch (err) {
        this.logger.error({ err }, 'job loop error');
      }
      if (!this.running) break;
      if (claimed === 0 && !this.wakeRequested) await this.sleep(this.pollMs);
    }
  }

  private async claimAndRun(max: number): Promise<number> {
    const now = Date.now();
    const candidates = await this.repo
      .createQueryBuilder('j')
      .select(['j.id'])
      .where("j.status = 'waiting' AND j.run_at <= :now", { now: iso(now) })
      .orderBy('j.run_at', 'ASC')
      .limit(max)
      .getMany();
    let claimed = 0;
    for (const { id } of candidates) {
      const result = await this.uow.run((tx) =>
        tx.manager
          .createQueryBuilder()
          .update(LocalJobEntity)
          .set({ status: 'active', lockedBy: this.owner, lockedUntil: iso(now + this.leaseMs), startedAt: iso(now), attempts: () => 'attempts + 1' })
          .where("id = :id AND status = 'waiting'", { id })
          .execute(),
      );
      if ((result.affected ?? 0) !== 1) continue;
      claimed += 1;
      const promise = this.execute(id).finally(() => {
        this.inFlight.delete(id);
        this.wake();
      });
      this.inFlight.set(id, promise);
    }
    return claimed;
  }

  private async execute(id: string): Promise<void> {
    const job = await this.repo.findOneByOrFail({ id });
    const registered = this.registry.get(job.name);
    const heartbeat = setInterval(() => {
      this.uow
        .run((tx) => tx.manager.update(LocalJobEntity, { id, lockedBy: this.owner }, { lockedUntil: iso(Date.now() + this.leaseMs) }))
        .catch(() => undefined);
    }, this.leaseMs / 3);
    heartbeat.unref();
    try {
      if (!registered) throw new Error(`no handler registered for job ${job.name}`);
      await registered.handler(JSON.parse(job.payload) as Parameters<typeof registered.handler>[0], { jobId: job.jobId, attempt: job.attempts });
      await this.uow.run((tx) =>
        tx.manager.update(LocalJobEntity, { id }, { status: 'completed', finishedAt: iso(Date.now()), lockedBy: null, lockedUntil: null, lastError: null }),
      );
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = job.attempts >= job.maxAttempts;
      if (final) this.logger.error({ job: job.name, jobId: job.jobId, attempts: job.attempts, err: message }, 'job failed for good');
      else this.logger.warn({ job: job.name, jobId: job.jobId, attempt: job.attempts, err: message }, 'job failed, will retry');
      await this.uow.run((tx) =>
        tx.manager.update(
          LocalJobEntity,
          { id },
          final
            ? { status: 'failed', finishedAt: iso(Date.now()), lockedBy: null, lockedUntil: null, lastError: message.slice(0, 2000) }
            : {
                status: 'waiting',
                runAt: iso(Date.now() + backoffDelay(job.backoffMs, job.attempts)),
                lockedBy: null,
                lockedUntil: null,
                lastError: message.slice(0, 2000),
              },
        ),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Jobs a crashed process left active go back to waiting (at once on SQLite, after their lease elsewhere). */
  private async recoverAbandoned(): Promise<void> {
    const now = iso(Date.now());
    await this.uow.run((tx) => {
      const qb = tx.manager.createQueryBuilder().update(LocalJobEntity).set({ status: 'waiting', lockedBy: null, lockedUntil: null, runAt: now });
      return this.options.exclusive ? qb.where("status = 'active'").execute() : qb.where("status = 'active' AND locked_until < :now", { now }).execute();
    });
  }

  /**
   * A job whose lease ran out belongs to a process that died (a live one renews its leases by heartbeat): it goes
   * back to waiting. Checked while running, not only at start: another instance, or this one started before the
   * lease of a crashed predecessor expired, must still take the job over. Our own jobs are never taken back.
   */
  private async reclaimExpired(): Promise<void> {
    const now = iso(Date.now());
    await this.uow.run((tx) =>
      tx.manager
        .createQueryBuilder()
        .update(LocalJobEntity)
        .set({ status: 'waiting', lockedBy: null, lockedUntil: null, runAt: now })
        .where("status = 'active' AND locked_until < :now AND (locked_by IS NULL OR locked_by <> :owner)", { now, owner: this.owner })
        .execute(),
    );
  }

  /** Completed jobs are kept a while so a repeated job id stays a no-op, then dropped. */
  async purgeCompleted(olderThanMs: number): Promise<number> {
    const result = await this.uow.run((tx) =>
      tx.manager
        .createQueryBuilder()
        .delete()
        .from(LocalJobEntity)
        .where("status = 'completed' AND finished_at < :cutoff", { cutoff: iso(Date.now() - olderThanMs) })
        .execute(),
    );
    return result.affected ?? 0;
  }
}
