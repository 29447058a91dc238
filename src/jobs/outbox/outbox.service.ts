import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Tx } from '../../database/unit-of-work';
import { JobName, JobPayloads, assertJobId } from '../job-types';
import { OutboxEntity } from './outbox.entity';
import { OutboxRelay } from './outbox.relay';

/**
 * Records work in the same transaction as the change that causes it. The relay hands it to the queue once the
 * transaction has committed, and keeps trying while Redis (or the process) is down. The job id is the outbox
 * id unless the caller gives a stable one, so a relay that sends twice still yields one job.
 */
@Injectable()
export class Outbox {
  constructor(private readonly relay: OutboxRelay) {}

  async record<N extends JobName>(tx: Tx, name: N, payload: JobPayloads[N], options: { jobId?: string; delayMs?: number } = {}): Promise<string> {
    const id = randomUUID();
    const jobId = options.jobId ?? `outbox-${id}`;
    assertJobId(jobId);
    const now = Date.now();
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEntity)
      .values({
        id,
        jobName: name,
        jobId,
        payload: JSON.stringify(payload ?? {}),
        status: 'pending',
        attempts: 0,
        availableAt: new Date(now + (options.delayMs ?? 0)).toISOString(),
        createdAt: new Date(now).toISOString(),
      })
      .orIgnore()
      .execute();
    tx.afterCommit(() => this.relay.nudge());
    return jobId;
  }
}
