import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor } from '../../src/common/auth/roles';
import { FixedClock } from '../../src/common/clock';
import { AppConfig } from '../../src/config/app-config';
import { JobQueue } from '../../src/jobs/job-queue';
import { OutboxRelay } from '../../src/jobs/outbox/outbox.relay';

export const HR: Actor = { id: 'demo-hr', name: 'Ufficio Personale (dati dimostrativi)', role: 'hr' };
export const TECH: Actor = { id: 'demo-tech', name: 'Sistema Informativo (dati dimostrativi)', role: 'technician' };
export const HOTLINE: Actor = { id: 'demo-hotline', name: 'Hot-line VPN (dati dimostrativi)', role: 'hotline' };
/** The second person: flags the dirigenti and confirms the countersignatures HR records from paper. */
export const ADMIN: Actor = { id: 'demo-admin', name: 'Amministratore di sistema (dati dimostrativi)', role: 'admin' };
/** Notes and references of demo records start with this, so a second run finds what the first one wrote. */
export const MARK = 'Dati dimostrativi';

export type Log = (line: string) => void;

/** An agreement of a demo person, as the runner remembers it between events. */
export interface AgreementRow {
  id: string;
  start: string;
  end: string | null;
  safetyNotice: string | null;
  withdrawn: boolean;
}

/**
 * What every step of the demo shares: the application, the clock it moves, the ids it found or wrote (so a second
 * run skips them), the counters it prints, and raw reads of the database. The steps build on it: people
 * (demo-people.ts), inventory (demo-inventory.ts), agreements (demo-agreements.ts), the timeline and VPN (demo-runner.ts).
 */
export class DemoState {
  protected readonly ds: DataSource;
  protected readonly employeeId = new Map<number, string>();
  protected readonly personOf = new Map<string, number>();
  protected readonly managerOf = new Map<string, string>();
  protected directorGeneralId = '';
  protected readonly agreementsOf = new Map<number, AgreementRow[]>();
  protected readonly handoverId = new Map<string, string>();
  protected readonly declared = new Set<string>();
  protected readonly lotId = new Map<string, string>();
  protected tick = 0;
  readonly written: Record<string, number> = {};
  /** milliseconds spent per kind of event (printed with DEMO_TIMING=1) */
  readonly timing: Record<string, number> = {};

  constructor(
    protected readonly app: INestApplicationContext,
    protected readonly clock: FixedClock,
    protected readonly log: Log,
    /** the real "now": the clock never goes past it */
    protected readonly now: Date = new Date(),
  ) {
    this.ds = app.get(DataSource);
  }

  protected workersStarted = false;

  /**
   * Runs the work the last changes recorded (offboarding of an ended agreement or a leaver, a stolen laptop's
   * certificates, VPN group membership) now, while the clock still shows their day — as the service's workers
   * would have then. Left in the outbox, they would run at the next start against today's data (and, say,
   * suspend the VPN account of someone whose 2020 agreement expired but who has had a new one since).
   */
  async drainJobs(): Promise<void> {
    const queue = this.app.get(JobQueue);
    await this.app.get(OutboxRelay).relayAll();
    if (!this.app.get(AppConfig).env.RUN_WORKERS && !this.workersStarted) {
      await queue.start();
      this.workersStarted = true;
    }
    await queue.drain(180_000);
  }

  protected count(what: string, n = 1): void {
    this.written[what] = (this.written[what] ?? 0) + n;
  }

  /** The clock at the event's date, 09:00 in Rome give or take, a second later for each event that day. */
  protected at(date: string): void {
    this.tick += 1;
    const instant = Date.parse(`${date}T08:00:00.000Z`) + (this.tick % 3600) * 1000;
    // Never past the real "now" (the demo's last day is today).
    this.clock.set(new Date(Math.min(instant, this.now.getTime() - 60_000 + (this.tick % 60) * 1000)));
  }

  protected async scalar(sql: string, params: unknown[] = []): Promise<number> {
    const rows: Record<string, unknown>[] = await this.ds.query(this.sql(sql), params);
    return Number(Object.values(rows[0] ?? { n: 0 })[0] ?? 0);
  }

  /** `$1`-style placeholders on PostgreSQL, `?` on SQLite. */
  protected sql(text: string): string {
    return this.ds.options.type === 'postgres' ? text : text.replace(/\$\d+/g, '?');
  }

  protected async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.ds.query(this.sql(sql), params);
  }
}
