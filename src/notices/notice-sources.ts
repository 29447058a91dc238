import { Injectable } from '@nestjs/common';
import { NoticeRequest } from './domain/notice-kinds';

/**
 * A feature that knows of time-based notices (a safety notice due, a certificate expiring, a return overdue)
 * answers `due(today)` from its own tables: the notices it asks for on that day. Its keys are stable per item and
 * due date, so the daily run — however many times it runs — records each notice once.
 */
export interface NoticeSource {
  readonly name: string;
  due(today: string): Promise<NoticeRequest[]>;
}

/** Sources register in their feature's `onModuleInit`; the daily job asks each in turn. */
@Injectable()
export class NoticeSources {
  private readonly sources = new Map<string, NoticeSource>();

  register(source: NoticeSource): void {
    if (this.sources.has(source.name)) throw new Error(`notice source ${source.name} is already registered`);
    this.sources.set(source.name, source);
  }

  all(): NoticeSource[] {
    return [...this.sources.values()];
  }
}
