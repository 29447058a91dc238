import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../jobs';
import { Schedules } from '../jobs';
import { MetricsService } from '../metrics';
import { DirectorySettings } from './directory-settings';
import { fullScheduleOf } from './domain/sync-watermark';
import { DirectorySyncRunRepository } from './directory-sync-run.repository';
import { DirectorySyncService } from './directory-sync.service';

/**
 * The sync job, its two schedules — `schedule`: incremental runs (id directory-sync), `fullSchedule`: the full
 * reconciliation that finds deletions (id directory-sync-full) — and the last-sync gauge. When both crons are the
 * same only the full one is registered (two runs at one tick would only meet SYNC_IN_PROGRESS).
 */
@Injectable()
export class DirectorySyncJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly schedules: Schedules,
    private readonly metrics: MetricsService,
    private readonly settings: DirectorySettings,
    private readonly sync: DirectorySyncService,
    private readonly runs: DirectorySyncRunRepository,
  ) {}

  onModuleInit(): void {
    // Failures are recorded on the run itself; retrying the job would only repeat them, the next run will try again.
    this.registry.register(
      'directory.sync',
      (payload) => this.sync.runQueued(payload.runId, payload.trigger, payload.mode ?? (payload.runId ? 'full' : 'incremental')),
      {
        attempts: 1,
      },
    );
    const profile = this.settings.profile;
    if (this.settings.configured && profile) {
      const cron = profile.schedule;
      const fullCron = fullScheduleOf(profile);
      if (cron && cron !== fullCron)
        this.schedules.register({ id: 'directory-sync', cron, job: 'directory.sync', payload: { runId: null, trigger: 'schedule' } });
      if (fullCron) {
        this.schedules.register({
          id: 'directory-sync-full',
          cron: fullCron,
          job: 'directory.sync',
          payload: { runId: null, trigger: 'schedule', mode: 'full' },
        });
      }
    }
    this.metrics.gauge(
      'rw_directory_last_sync_timestamp_seconds',
      'When the last directory sync of each outcome (ok, refused, failed) finished, in Unix seconds',
      async (g) => {
        for (const row of await this.runs.lastFinished()) if (row.finishedAt) g.set({ status: row.status }, Date.parse(row.finishedAt) / 1000);
      },
      ['status'],
    );
  }
}
