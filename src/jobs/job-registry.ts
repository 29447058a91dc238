import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from './job-types';

export interface RegisteredJob {
  handler: JobHandler<JobName>;
  attempts?: number;
  backoffMs?: number;
}

/** Handlers by job name; features register theirs in `onModuleInit`, before workers start. */
@Injectable()
export class JobRegistry {
  private readonly jobs = new Map<string, RegisteredJob>();

  register<N extends JobName>(name: N, handler: JobHandler<N>, options: { attempts?: number; backoffMs?: number } = {}): void {
    if (this.jobs.has(name)) throw new Error(`job ${name} is already registered`);
    this.jobs.set(name, { handler: handler as JobHandler<JobName>, ...options });
  }

  get(name: string): RegisteredJob | undefined {
    return this.jobs.get(name);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }
}
