/**
 * Job names and their payloads. Each feature adds its own jobs by augmenting this interface:
 *
 *   declare module '../jobs/job-types' { interface JobPayloads { 'offboarding.run': { employeeId: string } } }
 */
export interface JobPayloads {
  /** Housekeeping: drop completed local jobs and dispatched outbox rows older than the retention. */
  'jobs.housekeeping': Record<string, never>;
}

export type JobName = Extract<keyof JobPayloads, string>;

export interface JobContext {
  jobId: string;
  attempt: number;
}

/** `skipped`: nothing to do (already done, no longer relevant); it is not a failure. */
export type JobOutcome = 'done' | 'skipped';

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], context: JobContext) => Promise<JobOutcome | void>;

export interface JobOptions {
  /** Stable id: adding a job whose id is already known does nothing. Letters, digits, `.`, `_`, `-`. */
  jobId?: string;
  delayMs?: number;
}

export interface FailedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  error: string;
  failedAt: string | null;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface ScheduleSpec {
  /** Stable id of the schedule (one firing per tick however many instances run). */
  id: string;
  /** Cron pattern (in the configured time zone) or a fixed period. */
  cron?: string;
  everyMs?: number;
  job: JobName;
  payload: JobPayloads[JobName];
}

const JOB_ID = /^[A-Za-z0-9._-]{1,200}$/;

export function assertJobId(id: string): void {
  // BullMQ refuses ':' and integer-looking custom ids; keep one rule for both drivers.
  if (!JOB_ID.test(id) || /^\d+$/.test(id)) throw new Error(`invalid job id "${id}": use letters, digits, '.', '_' or '-', not only digits`);
}

export function backoffDelay(baseMs: number, attempt: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}
