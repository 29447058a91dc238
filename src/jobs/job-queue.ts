import { FailedJob, JobName, JobOptions, JobPayloads, QueueCounts, ScheduleSpec } from './job-types';

/**
 * The queue port. Two drivers keep one contract: BullMQ on Redis when REDIS_URL is set, a durable in-process
 * driver (jobs in the database) otherwise. Both: named jobs with typed payloads, idempotent job ids, retries
 * with exponential backoff, failed jobs kept and listable, recurring schedules that only enqueue.
 */
export abstract class JobQueue {
  abstract readonly driver: 'bullmq' | 'in-process';
  abstract add<N extends JobName>(name: N, payload: JobPayloads[N], options?: JobOptions): Promise<void>;
  abstract listFailed(limit?: number): Promise<FailedJob[]>;
  abstract retryFailed(id: string): Promise<boolean>;
  abstract counts(): Promise<QueueCounts>;
  abstract schedule(spec: ScheduleSpec): Promise<void>;
  /** Start workers (only in processes that run them). */
  abstract start(): Promise<void>;
  /** Stop taking jobs and wait for the ones in flight. */
  abstract stop(timeoutMs: number): Promise<void>;
  abstract healthy(): Promise<boolean>;
  /** Resolves when nothing is waiting, delayed or active (tests and the CLI). */
  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const c = await this.counts();
      if (c.waiting + c.active + c.delayed === 0) return;
      if (Date.now() > deadline) throw new Error(`queue not drained after ${timeoutMs} ms: ${JSON.stringify(c)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
