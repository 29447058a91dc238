import { Logger } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';
import { Unavailable } from '../../common/errors/domain-error';
import { JobQueue } from '../job-queue';
import { JobRegistry } from '../job-registry';
import { FailedJob, JobName, JobOptions, JobPayloads, QueueCounts, ScheduleSpec, assertJobId } from '../job-types';

export interface BullmqQueueOptions {
  url: string;
  prefix: string;
  concurrency: number;
  attempts: number;
  backoffMs: number;
  timeZone: string;
}

const QUEUE_NAME = 'work';
const KEEP_COMPLETED = { age: 7 * 24 * 3600, count: 50_000 };
const KEEP_FAILED = { age: 90 * 24 * 3600, count: 10_000 };

/**
 * BullMQ on Redis. The producer connection has no offline queue, so an `add` while Redis is down fails at
 * once (the outbox keeps the work and retries) instead of piling up in memory; the worker connection retries
 * forever as BullMQ requires. Completed jobs are kept for a week so that a repeated job id stays a no-op.
 */
export class BullmqQueue extends JobQueue {
  readonly driver = 'bullmq' as const;
  private readonly logger = new Logger('BullmqQueue');
  private readonly producer: IORedis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private workerConnection: IORedis | null = null;

  constructor(
    private readonly registry: JobRegistry,
    private readonly options: BullmqQueueOptions,
  ) {
    super();
    const base: RedisOptions = { lazyConnect: false, connectTimeout: 5000 };
    this.producer = new IORedis(options.url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.producer.on('error', (err) => this.logger.debug({ err: err.message }, 'redis producer connection error'));
    this.queue = new Queue(QUEUE_NAME, { connection: this.producer, prefix: options.prefix });
    this.queue.on('error', (err) => this.logger.debug({ err: err.message }, 'queue error'));
  }

  private ensureConnected(): void {
    if (this.producer.status !== 'ready') throw new Unavailable('QUEUE_UNAVAILABLE', 'The job queue (Redis) is not reachable');
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    if (options.jobId) assertJobId(options.jobId);
    this.ensureConnected();
    const registered = this.registry.get(name);
    await this.queue.add(name, payload ?? {}, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: registered?.attempts ?? this.options.attempts,
      backoff: { type: 'exponential', delay: registered?.backoffMs ?? this.options.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    });
  }

  async listFailed(limit = 100): Promise<FailedJob[]> {
    this.ensureConnected();
    const jobs = await this.queue.getFailed(0, limit - 1);
    return jobs.filter(Boolean).map((job) => ({
      id: String(job.id),
      name: job.name,
      payload: job.data as unknown,
      attempts: job.attemptsMade,
      error: job.failedReason ?? '',
      failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    }));
  }

  async retryFailed(id: string): Promise<boolean> {
    this.ensureConnected();
    const job = await Job.fromId(this.queue, id);
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  async counts(): Promise<QueueCounts> {
    this.ensureConnected();
    const c = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children');
    return {
      waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
      active: c.active ?? 0,
      delayed: c.delayed ?? 0,
      failed: c.failed ?? 0,
      completed: c.completed ?? 0,
    };
  }

  /** A BullMQ job scheduler lives in Redis: with several instances each tick still produces one job. */
  async schedule(spec: ScheduleSpec): Promise<void> {
    const repeat = spec.cron ? { pattern: spec.cron, tz: this.options.timeZone } : { every: spec.everyMs };
    await this.queue.upsertJobScheduler(spec.id, repeat, {
      name: spec.job,
      data: spec.payload,
      opts: {
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
        attempts: this.options.attempts,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
      },
    });
  }

  async start(): Promise<void> {
    if (this.worker) return;
    this.workerConnection = new IORedis(this.options.url, { maxRetriesPerRequest: null });
    this.workerConnection.on('error', (err) => this.logger.debug({ err: err.message }, 'redis worker connection error'));
    this.worker = new Worker(
      QUEUE_NAME,
      async (job: Job) => {
        const registered = this.registry.get(job.name);
        if (!registered) throw new Error(`no handler registered for job ${job.name}`);
        return (
          (await registered.handler(job.data as Parameters<typeof registered.handler>[0], { jobId: String(job.id), attempt: job.attemptsMade + 1 })) ?? 'done'
        );
      },
      { connection: this.workerConnection, prefix: this.options.prefix, concurrency: this.options.concurrency, autorun: false },
    );
    this.worker.on('failed', (job, err) =>
      this.logger.warn({ job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job attempt failed'),
    );
    this.worker.on('error', (err) => this.logger.debug({ err: err.message }, 'worker error'));
    void this.worker.run().catch((err: unknown) => this.logger.error({ err }, 'worker stopped'));
  }

  async stop(timeoutMs: number): Promise<void> {
    const closing = (async () => {
      if (this.worker) await this.worker.close();
      await this.queue.close();
    })();
    const timedOut = await Promise.race([closing.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), timeoutMs).unref())]);
    if (timedOut) {
      this.logger.warn('shutdown timeout: BullMQ will hand unfinished jobs back as stalled');
      await this.worker?.close(true).catch(() => undefined);
    }
    this.producer.disconnect();
    this.workerConnection?.disconnect();
  }

  async healthy(): Promise<boolean> {
    try {
      this.ensureConnected();
      return (await this.producer.ping()) === 'PONG';
    } catch {
      return false;
    }
  }
}
