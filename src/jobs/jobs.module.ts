import { Global, Module } from '@nestjs/common';
import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { BullmqQueue } from './drivers/bullmq.queue';
import { InProcessQueue } from './drivers/in-process.queue';
import { JobQueue } from './job-queue';
import { JobRegistry } from './job-registry';
import { JobsController } from './jobs.controller';
import { JobsLifecycle } from './jobs.lifecycle';
import { Outbox } from './outbox/outbox.service';
import { OutboxRelay } from './outbox/outbox.relay';
import { Schedules } from './schedules';

@Global()
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [JobsController],
  providers: [
    JobRegistry,
    Schedules,
    {
      provide: JobQueue,
      inject: [AppConfig, DataSource, UnitOfWork, JobRegistry, SchedulerRegistry],
      useFactory: (config: AppConfig, dataSource: DataSource, uow: UnitOfWork, registry: JobRegistry, schedulerRegistry: SchedulerRegistry): JobQueue => {
        const common = {
          concurrency: config.env.JOB_CONCURRENCY,
          attempts: config.env.JOB_ATTEMPTS,
          backoffMs: config.env.JOB_BACKOFF_MS,
          timeZone: config.env.TIMEZONE,
        };
        if (config.queue.kind === 'bullmq') return new BullmqQueue(registry, { ...common, url: config.queue.url, prefix: config.queue.prefix });
        return new InProcessQueue(dataSource, uow, registry, schedulerRegistry, {
          ...common,
          leaseMs: config.env.JOB_LEASE_MS,
          exclusive: config.database.kind === 'sqlite',
        });
      },
    },
    OutboxRelay,
    Outbox,
    JobsLifecycle,
  ],
  exports: [JobQueue, JobRegistry, Outbox, OutboxRelay, Schedules],
})
export class JobsModule {}
