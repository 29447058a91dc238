import { Injectable, Logger } from '@nestjs/common';
import { DirectoryGroups } from '../directory';
import { JobOutcome } from '../jobs';
import { VpnAccountRepository } from './vpn-account.repository';

type GroupResult = Awaited<ReturnType<DirectoryGroups['addToVpnGroup']>>;
type WriteMany = (employeeIds: string[]) => Promise<Map<string, GroupResult>>;

/**
 * Handlers of 'vpn.group-add', 'vpn.group-add-many' and 'vpn.group-remove'. All converge on one rule — the employee
 * is in the directory VPN group while one of their accounts is active — read when the job runs, not when it was
 * recorded: an add that is retried after a later suspension does nothing, a removal overtaken by a resumption does
 * nothing. Writes are batched: a bulk onboarding records one 'vpn.group-add-many' job per batch (one modify for
 * all), and single jobs running at the same time share one modify (GroupBatch). DirectoryGroups is idempotent
 * (already member / not member are successes) and answers 503 while LDAP is down, which fails every job of that
 * write so the queue retries each with backoff: nothing is lost, and writing a member twice changes nothing.
 */
@Injectable()
export class VpnGroupSync {
  private readonly logger = new Logger('Vpn');
  private readonly adds: GroupBatch;
  private readonly removes: GroupBatch;

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly groups: DirectoryGroups,
  ) {
    this.adds = new GroupBatch((ids) => this.groups.addManyToVpnGroup(ids));
    this.removes = new GroupBatch((ids) => this.groups.removeManyFromVpnGroup(ids));
  }

  async add(employeeId: string): Promise<JobOutcome> {
    if (!(await this.accounts.hasActive(employeeId))) return 'skipped';
    return this.outcome('add', employeeId, await this.adds.write(employeeId));
  }

  async remove(employeeId: string): Promise<JobOutcome> {
    if (await this.accounts.hasActive(employeeId)) return 'skipped';
    return this.outcome('remove', employeeId, await this.removes.write(employeeId));
  }

  /** A batch: every employee still holding an active account, in one write. */
  async addMany(employeeIds: string[]): Promise<JobOutcome> {
    const active = await this.accounts.withActive([...new Set(employeeIds)]);
    const wanted = [...active];
    if (wanted.length === 0) return 'skipped';
    const results = await this.groups.addManyToVpnGroup(wanted);
    let done = false;
    for (const [employeeId, result] of results) if (this.outcome('add', employeeId, result) === 'done') done = true;
    return done ? 'done' : 'skipped';
  }

  private outcome(change: 'add' | 'remove', employeeId: string, result: GroupResult): JobOutcome {
    // An employee deleted meanwhile has nothing to change.
    if (result === 'not_in_directory') this.logger.warn({ employeeId, change }, 'VPN group not changed: the employee has no directory entry');
    // out of the group itself, still in it through a nested group: only the directory's administrators can end that
    if (result === 'member_through_group')
      this.logger.warn({ employeeId, change }, 'still a member of the VPN group through a nested group: remove them from that group in the directory');
    return result === 'added' || result === 'removed' || result === 'member_through_group' ? 'done' : 'skipped';
  }
}

/**
 * Joins writes asked for while another is on the wire into the next one: with JOB_CONCURRENCY jobs at once, each
 * round trip carries every member that queued meanwhile. A failed write rejects every caller of that batch.
 */
class GroupBatch {
  private pending: { ids: Set<string>; done: Promise<Map<string, GroupResult>> } | null = null;
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(private readonly writeMany: WriteMany) {}

  async write(employeeId: string): Promise<GroupResult> {
    if (!this.pending) {
      const ids = new Set<string>();
      const previous = this.inFlight;
      const done = previous
        .catch(() => undefined)
        // let the jobs started in the same tick join before the batch is closed
        .then(() => new Promise<void>((r) => setImmediate(r)))
        .then(() => {
          if (this.pending?.ids === ids) this.pending = null;
          return this.writeMany([...ids]);
        });
      this.pending = { ids, done };
      this.inFlight = done;
    }
    this.pending.ids.add(employeeId);
    return (await this.pending.done).get(employeeId)!;
  }
}
