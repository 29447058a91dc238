/** Jobs of the directory feature. */
declare module '../jobs/job-types' {
  interface JobPayloads {
    /** A directory sync: a queued run (runId) or a scheduled one (runId null, a run is made when it starts). */
    'directory.sync': { runId: string | null; trigger: 'manual' | 'schedule' };
  }
}
export {};
