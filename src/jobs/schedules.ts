import { Injectable } from '@nestjs/common';
import { ScheduleSpec } from './job-types';

/** Recurring work declared by features (in `onModuleInit`); applied to the queue when workers start. */
@Injectable()
export class Schedules {
  private readonly specs = new Map<string, ScheduleSpec>();

  register(spec: ScheduleSpec): void {
    if (!spec.cron === !spec.everyMs) throw new Error(`schedule ${spec.id}: give exactly one of cron or everyMs`);
    this.specs.set(spec.id, spec);
  }

  all(): ScheduleSpec[] {
    return [...this.specs.values()];
  }
}
