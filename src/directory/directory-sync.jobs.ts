import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../jobs';
import { Schedules } from '../jobs';
import { MetricsService } from '../metrics';
import { DirectorySettings } from './directory-settings';
import { DirectorySyncRunRepository } from './directory-sync-run.repository';
import { DirectorySyncService } from './directory-sync.service';

/** The sync job, its daily schedule and the last-sync gauge. */
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
    this.registry.register('directory.sync', (payload) => this.sync.runQueued(payload.runId, payload.trigger), { attempts: 1 });
    const cron = this.settings.profile?.schedule;
    if (this.settings.configured && cron) {
      this.schedules.register({ id: 'directory-sync', cron, job: 'directory.sync', payload: { runId: null, trigger: 'schedule' } });
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
