import { NoticePayload } from './domain/notice-kinds';

/** Jobs of the notices feature (payload types), recorded through the outbox or by the daily schedule. */
declare module '../jobs/job-types' {
  interface JobPayloads {
    /**
     * Send one e-mail notice. Job id `notice-<kind>-<key>`, recorded in the transaction of the change it tells
     * about; retried with backoff while the mail server is down; skipped once `notices_sent` has its row.
     */
    'notice.send': NoticePayload;
    /** Daily: enqueue the time-based notices (safety notice due, certificate expiring, return overdue). */
    'notice.daily': { trigger: 'schedule' | 'manual' };
  }
}
export {};
