import { Injectable, Logger } from '@nestjs/common';
import { Clock, municipalToday } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { UnitOfWork } from '../database/unit-of-work';
import { JobOutcome } from '../jobs';
import { NoticeSources } from './notice-sources';
import { Notices } from './notices.service';

const CHUNK = 100;

/**
 * The `notice.daily` handler: asks every registered source for the notices due today and records them, a hundred
 * per unit of work. It only enqueues (each notice is its own `notice.send` job with a stable id); a source that
 * fails is logged and the others still run, and the next day's run finds what it missed.
 */
@Injectable()
export class NoticesDaily {
  private readonly log = new Logger('Notices');

  constructor(
    private readonly sources: NoticeSources,
    private readonly notices: Notices,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ recorded: number; failedSources: string[] }> {
    if (!this.notices.enabled) return { recorded: 0, failedSources: [] };
    const today = municipalToday(this.clock, this.config);
    let recorded = 0;
    const failedSources: string[] = [];
    for (const source of this.sources.all()) {
      try {
        const due = await source.due(today);
        for (let i = 0; i < due.length; i += CHUNK) {
          const chunk = due.slice(i, i + CHUNK);
          recorded += await this.uow.run(async (tx) => {
            let n = 0;
            for (const request of chunk) if (await this.notices.record(tx, request)) n++;
            return n;
          });
        }
      } catch (err) {
        failedSources.push(source.name);
        this.log.error({ err, source: source.name }, 'notice source failed');
      }
    }
    return { recorded, failedSources };
  }

  async handle(): Promise<JobOutcome> {
    const r = await this.run();
    if (r.failedSources.length) throw new Error(`notice sources failed: ${r.failedSources.join(', ')}`);
    return r.recorded > 0 ? 'done' : 'skipped';
  }
}
