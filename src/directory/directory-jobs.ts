/** Jobs of the directory feature. */
declare module '../jobs/job-types' {
  interface JobPayloads {
    /**
     * A directory sync: a queued run (runId) or a scheduled one (runId null, a run is made when it starts). `mode`:
     * 'incremental' (the frequent schedule; it reads everything when the watermark cannot be trusted) or 'full'
     * (the reconciliation that finds deletions); absent on jobs recorded before it existed: full for a queued run,
     * incremental for a scheduled one.
     */
    'directory.sync': { runId: string | null; trigger: 'manual' | 'schedule'; mode?: 'full' | 'incremental' };
  }
}
export {};
