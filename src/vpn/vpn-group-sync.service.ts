import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { DirectoryGroups } from '../directory';
import { JobOutcome } from '../jobs';
import { VpnAccountRepository } from './vpn-account.repository';

/**
 * Handlers of 'vpn.group-add' and 'vpn.group-remove'. Both converge on one rule — the employee is in the
 * directory VPN group while one of their accounts is active — read when the job runs, not when it was recorded:
 * an add that is retried after a later suspension does nothing, a removal overtaken by a resumption does nothing.
 * DirectoryGroups is idempotent (already member / not member are successes) and answers 503 while LDAP is down,
 * which fails the job so the queue retries it with backoff.
 */
@Injectable()
export class VpnGroupSync {
  private readonly logger = new Logger('Vpn');

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly groups: DirectoryGroups,
  ) {}

  async add(employeeId: string): Promise<JobOutcome> {
    if (!(await this.accounts.hasActive(employeeId))) return 'skipped';
    return this.apply('add', employeeId);
  }

  async remove(employeeId: string): Promise<JobOutcome> {
    if (await this.accounts.hasActive(employeeId)) return 'skipped';
    return this.apply('remove', employeeId);
  }

  private async apply(change: 'add' | 'remove', employeeId: string): Promise<JobOutcome> {
    try {
      const result = change === 'add' ? await this.groups.addToVpnGroup(employeeId) : await this.groups.removeFromVpnGroup(employeeId);
      if (result === 'not_in_directory') this.logger.warn({ employeeId, change }, 'VPN group not changed: the employee has no directory entry');
      return result === 'added' || result === 'removed' ? 'done' : 'skipped';
    } catch (err) {
      // An employee deleted meanwhile has nothing to change; anything else (LDAP down) is retried.
      if (err instanceof DomainError && err.kind === 'not_found') return 'skipped';
      throw err;
    }
  }
}
