/**
 * The public face of the jobs feature: all that other features (and the composition root) may import from it.
 * Everything else under src/jobs/ is private (eslint-rules/feature-boundaries.js).
 */
export { JobQueue } from './job-queue';
export { JobRegistry } from './job-registry';
export { JobOutcome, JobPayloads } from './job-types';
export { JobsModule } from './jobs.module';
export { jobsEntities } from './jobs.entities';
export { OutboxRelay } from './outbox/outbox.relay';
export { Outbox } from './outbox/outbox.service';
export { Schedules } from './schedules';
export { JOBS_ERRORS, JobsErrorCode } from './jobs.errors';
