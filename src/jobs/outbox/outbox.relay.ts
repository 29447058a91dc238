import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { UnitOfWork } from '../../database/unit-of-work';
import { JobQueue } from '../job-queue';
import { JobName, JobPayloads, backoffDelay } from '../job-types';
import { OutboxEntity } from './outbox.entity';

const LEASE_MS = 30_000;
const BATCH = 100;
const MAX_RETRY_DELAY_MS = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Moves committed outbox rows to the queue. Rows are leased with a conditional update before sending, so
 * several instances never send the same row at the same time; a crash mid-send leaves the lease to expire
 * and the row is sent again, which the stable job id turns into a no-op.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly owner = randomUUID();
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly queue: JobQueue,
    private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.nudge();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.busy;
  }

  /** Called after a commit that recorded work: relay now instead of at the next poll. */
  nudge(): void {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.busy = this.relayAll()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err }, 'outbox relay error'))
      .finally(() => {
        this.busy = null;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else {
          this.timer = setTimeout(() => this.nudge(), this.config.env.OUTBOX_POLL_MS);
          this.timer.unref();
        }
      });
  }

  /** Relays until nothing due is left (or the queue refuses); returns how many rows were sent. */
  async relayAll(): Promise<number> {
    let sent = 0;
    for (;;) {
      const { sent: n, stalled } = await this.relayBatch();
      sent += n;
      if (n < BATCH || stalled) return sent;
    }
  }

  private async relayBatch(): Promise<{ sent: number; stalled: boolean }> {
    const now = Date.now();
    const rows = await this.dataSource
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .where("o.status = 'pending' AND o.available_at <= :now AND (o.lease_until IS NULL OR o.lease_until < :now)", { now: iso(now) })
      .orderBy('o.created_at', 'ASC')
      .limit(BATCH)
      .getMany();
    let sent = 0;
    for (const row of rows) {
      const leased = await this.uow.run((tx) =>
        tx.manager
          .createQueryBuilder()
          .update(OutboxEntity)
          .set({ leaseOwner: this.owner, leaseUntil: iso(Date.now() + LEASE_MS) })
          .where("id = :id AND status = 'pending' AND (lease_until IS NULL OR lease_until < :now)", { id: row.id, now: iso(Date.now()) })
          .execute(),
      );
      if ((leased.affected ?? 0) !== 1) continue;
      try {
        await this.queue.add(row.jobName as JobName, JSON.parse(row.payload) as JobPayloads[JobName], { jobId: row.jobId });
        await this.uow.run((tx) =>
          tx.manager.update(
            OutboxEntity,
            { id: row.id },
            { status: 'dispatched', dispatchedAt: iso(Date.now()), leaseOwner: null, leaseUntil: null, lastError: null },
          ),
        );
        sent += 1;
      } catch (err) {
        const attempts = row.attempts + 1;
        const delay = Math.min(MAX_RETRY_DELAY_MS, backoffDelay(500, attempts));
        await this.uow.run((tx) =>
          tx.manager.update(
            OutboxEntity,
            { id: row.id },
            {
              attempts,
              availableAt: iso(Date.now() + delay),
              leaseOwner: null,
              leaseUntil: null,
              lastError: (err instanceof Error ? err.message : String(err)).slice(0, 2000),
            },
          ),
        );
        // The queue is refusing (Redis down): stop this round, the next poll tries again.
        return { sent, stalled: true };
      }
    }
    return { sent, stalled: false };
  }

  async pendingCount(): Promise<number> {
    return this.dataSource.getRepository(OutboxEntity).count({ where: { status: 'pending' } });
  }

  async purgeDispatched(olderThanMs: number): Promise<number> {
    const result = await this.uow.run((tx) =>
      tx.manager
        .createQueryBuilder()
        .delete()
        .from(OutboxEntity)
        .where("status = 'dispatched' AND dispatched_at < :cutoff", { cutoff: iso(Date.now() - olderThanMs) })
        .execute(),
    );
    return result.affected ?? 0;
  }
}
