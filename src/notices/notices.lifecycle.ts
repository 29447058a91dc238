import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry, Schedules } from '../jobs';
import { NoticeSender } from './notice-sender.service';
import { NoticesDaily } from './notices-daily.service';
import './notices-jobs';

/** Wires the notices feature into the process: the send handler, the daily schedule of time-based notices. */
@Injectable()
export class NoticesLifecycle implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly sender: NoticeSender,
    private readonly daily: NoticesDaily,
    private readonly schedules: Schedules,
  ) {}

  onModuleInit(): void {
    // A mail server that is down for a while must not lose a notice: many attempts, doubling backoff (about an
    // hour and a half with the default JOB_BACKOFF_MS before the job is kept as failed, and can be retried).
    this.registry.register('notice.send', (payload) => this.sender.send(payload), { attempts: 13 });
    this.registry.register('notice.daily', () => this.daily.handle(), { attempts: 3 });
    // At 07:00 in the municipality's time zone (after the night's sweeps and renewals): the schedule only enqueues.
    this.schedules.register({ id: 'notices-daily', cron: '0 7 * * *', job: 'notice.daily', payload: { trigger: 'schedule' } });
  }
}
