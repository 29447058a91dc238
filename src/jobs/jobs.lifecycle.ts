import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { InProcessQueue } from './drivers/in-process.queue';
import { JobQueue } from './job-queue';
import { JobRegistry } from './job-registry';
import { OutboxRelay } from './outbox/outbox.relay';
import { Schedules } from './schedules';

const DAY_MS = 24 * 3600 * 1000;

/** Starts workers, the relay and schedules after every module registered its handlers; stops them gracefully. */
@Injectable()
export class JobsLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private started = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly registry: JobRegistry,
    private readonly relay: OutboxRelay,
    private readonly schedules: Schedules,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('jobs.housekeeping', async () => {
      const outbox = await this.relay.purgeDispatched(7 * DAY_MS);
      const jobs = this.queue instanceof InProcessQueue ? await this.queue.purgeCompleted(7 * DAY_MS) : 0;
      this.logger.log({ outbox, jobs }, 'housekeeping done');
    });
    this.schedules.register({ id: 'jobs-housekeeping', cron: '17 3 * * *', job: 'jobs.housekeeping', payload: {} });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.env.RUN_WORKERS) return;
    await this.queue.start();
    for (const spec of this.schedules.all()) {
      try {
        await this.queue.schedule(spec);
      } catch (err) {
        this.logger.error({ err, schedule: spec.id }, 'could not set up schedule');
      }
    }
    this.relay.start();
    this.started = true;
    this.logger.log({ driver: this.queue.driver, handlers: this.registry.names().length }, 'job workers started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    // Also closes the queue's connections in processes that never started workers (the CLI).
    await this.queue.stop(this.config.env.SHUTDOWN_TIMEOUT_MS);
    if (this.started) this.logger.log('job workers stopped');
    this.started = false;
  }
}
