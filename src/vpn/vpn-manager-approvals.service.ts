import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, Forbidden, RuleViolation } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Tx } from '../database/unit-of-work';
import { isUniqueViolation } from '../database/unique-violation';
import { EmployeeDirectory, employeeIdOfActor, manages } from '../directory';
import { assertCanApply } from './domain/account-lifecycle';
import { assertManagerApproved, awaitsManager, RecordedManagerDecision } from './domain/manager-approval.policy';
import { ManagerApprovalDto, ManagerApprovalInputDto } from './dto/vpn-manager-approval.dto';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnManagerApprovalEntity } from './vpn-manager-approval.entity';
import { VpnManagerApprovalRepository } from './vpn-manager-approval.repository';

function toDto(r: VpnManagerApprovalEntity): ManagerApprovalDto {
  return { accountId: r.accountId, employeeId: r.employeeId, decision: r.decision, note: r.note, decidedBy: r.decidedBy, decidedAt: r.decidedAt };
}

function toRecorded(r: VpnManagerApprovalEntity): RecordedManagerDecision {
  return { decision: r.decision, decidedBy: r.decidedBy, decidedAt: r.decidedAt, note: r.note };
}

/** The manager's step of one account as their view shows it. */
export interface ManagerStep {
  awaitingManager: boolean;
  decision: ManagerApprovalDto | null;
}

/**
 * The manager's step before the hot-line's approval, when the municipality wants it (VPN_MANAGER_APPROVAL=true;
 * domain/manager-approval.policy.ts). The manager decides with their own directory login (the session's subject is
 * their employee record) and only for the people of the service they manage.
 */
@Injectable()
export class VpnManagerApprovals {
  constructor(
    private readonly approvals: VpnManagerApprovalRepository,
    private readonly steps: VpnAccountSteps,
    private readonly employees: EmployeeDirectory,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config.env.VPN_MANAGER_APPROVAL === true;
  }

  async decide(actor: Actor, accountId: string, input: ManagerApprovalInputDto): Promise<ManagerApprovalDto> {
    if (!this.enabled) throw new RuleViolation('MANAGER_APPROVAL_NOT_ENABLED', 'This municipality does not ask managers to approve VPN requests');
    try {
      const row = await this.steps.unit(actor, input.approve ? 'manager-approve' : 'manager-refuse', accountId, async (tx) => {
        const account = await this.steps.load(accountId, tx);
        await this.assertManagerOf(tx, actor, account.employeeId);
        assertCanApply(account.state, 'approve');
        const existing = await this.approvals.findByAccount(accountId, tx);
        if (existing) throw this.alreadyDecided(existing.decision);
        const decision: VpnManagerApprovalEntity = {
          accountId,
          employeeId: account.employeeId,
          decision: input.approve ? 'approved' : 'refused',
          note: input.note ?? null,
          decidedBy: actor.id,
          decidedAt: this.clock.nowIso(),
        };
        // audit first: the lock order of every unit (see VpnAccountSteps.claim)
        await this.steps.record(tx, actor, input.approve ? 'manager-approved' : 'manager-refused', account, { note: decision.note });
        await this.approvals.insert(tx, decision);
        return decision;
      });
      return toDto(row);
    } catch (err) {
      // Two clicks (two tabs) at once: the primary key lets one decision through.
      if (isUniqueViolation(err)) throw this.alreadyDecided(null);
      throw err;
    }
  }

  /** For the hot-line's approval, inside its unit: 422 MANAGER_APPROVAL_PENDING / _REFUSED while the step is on. */
  async assertApproved(tx: Tx, account: VpnAccountEntity): Promise<void> {
    if (!this.enabled) return;
    assertManagerApproved(true, await this.recorded(account.id, tx));
  }

  /**
   * For the manager's view: per account, its recorded decision and whether it still waits for one (never, with the
   * step off).
   */
  async stepOf(accounts: { id: string; state: VpnAccountEntity['state'] }[]): Promise<Map<string, ManagerStep>> {
    const rows = this.enabled && accounts.length > 0 ? await this.approvals.forAccounts(accounts.map((a) => a.id)) : [];
    const byAccount = new Map(rows.map((r) => [r.accountId, r]));
    return new Map(
      accounts.map((a) => {
        const r = byAccount.get(a.id) ?? null;
        return [a.id, { awaitingManager: awaitsManager(this.enabled, a.state, r ? toRecorded(r) : null), decision: r ? toDto(r) : null }];
      }),
    );
  }

  private async recorded(accountId: string, tx?: Tx): Promise<RecordedManagerDecision | null> {
    const r = await this.approvals.findByAccount(accountId, tx);
    return r ? toRecorded(r) : null;
  }

  private async assertManagerOf(tx: Tx, actor: Actor, employeeId: string): Promise<void> {
    const managerId = employeeIdOfActor(actor.id);
    const manager = managerId && actor.role === 'manager' ? await this.employees.findById(managerId, tx) : null;
    const employee = await this.employees.findById(employeeId, tx);
    if (!manager || !employee || !manages(manager, employee)) {
      throw new Forbidden('NOT_MANAGER_OF_EMPLOYEE', "Only the manager of the employee's service, with their own login, may decide on this VPN request");
    }
  }

  private alreadyDecided(decision: string | null): Conflict {
    return new Conflict('MANAGER_APPROVAL_ALREADY_DECIDED', 'The manager has already decided on this VPN request', decision ? { decision } : undefined);
  }
}
