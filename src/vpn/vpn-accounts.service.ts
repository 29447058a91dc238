import { Injectable } from '@nestjs/common';
import { createdAtAfter, encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { randomUUID } from 'node:crypto';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { isUniqueViolation } from '../database/unique-violation';
import { EmployeeDirectory } from '../directory';
import { assertCanApply, allowedFrom } from './domain/account-lifecycle';
import { CreateVpnAccountDto, VpnAccountDto, VpnAccountListQueryDto, VpnAccountPageDto } from './dto/vpn-account.dto';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountRepository } from './vpn-account.repository';
import { newVpnAccount, VpnAccountEntity } from './vpn-account.entity';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnGatewaysService } from './vpn-gateways.service';
import { VpnManagerApprovals } from './vpn-manager-approvals.service';
import { VpnSettings } from './vpn-settings';
import { toAccountDto } from './vpn.mapper';

/** VPN usernames go into certificate CNs and directory filters: the PKI's rule for them. */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Requests, reads and approval (with placement) of VPN accounts. */
@Injectable()
export class VpnAccountsService {
  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly gateways: VpnGatewayRepository,
    private readonly placement: VpnGatewaysService,
    private readonly employees: EmployeeDirectory,
    private readonly steps: VpnAccountSteps,
    private readonly settings: VpnSettings,
    private readonly clock: Clock,
    private readonly managerApprovals: VpnManagerApprovals,
  ) {}

  /**
   * A request is not gated (it gives nothing yet): approval is. The username is the employee's directory
   * username, taken now; an employee without one cannot have a VPN account (422 EMPLOYEE_HAS_NO_USERNAME).
   */
  async create(actor: Actor, dto: CreateVpnAccountDto): Promise<VpnAccountDto> {
    if (!this.settings.profile(dto.profile)) {
      throw new ValidationFailed(
        [{ field: 'profile', messages: [`one of ${this.settings.profiles.map((p) => p.name).join(', ')}`] }],
        `Unknown VPN profile ${dto.profile}`,
        'UNKNOWN_VPN_PROFILE',
      );
    }
    const now = this.clock.nowIso();
    const id = randomUUID();
    try {
      const row = await this.steps.unit(actor, 'request', id, async (tx) => {
        const employee = await this.employees.findById(dto.employeeId, tx);
        if (!employee) throw new DomainError('not_found', 'EMPLOYEE_NOT_FOUND', `employee ${dto.employeeId} does not exist`, { employeeId: dto.employeeId });
        if (!employee.username)
          throw new RuleViolation('EMPLOYEE_HAS_NO_USERNAME', 'The employee has no directory username: a VPN account needs one', { employeeId: employee.id });
        if (!USERNAME.test(employee.username)) {
          throw new RuleViolation('USERNAME_NOT_USABLE', 'The directory username cannot be a certificate name (letters, digits, ".", "_", "@", "-")', {
            employeeId: employee.id,
          });
        }
        const open = await this.accounts.findOpen(employee.id, dto.profile, tx);
        if (open) throw this.exists(open);
        const account = newVpnAccount({ id, employeeId: employee.id, username: employee.username, profile: dto.profile, createdBy: actor.id }, now);
        // audit first: the lock order of every unit (see VpnAccountSteps.claim)
        await this.steps.record(tx, actor, 'requested', account);
        await this.accounts.insertMany(tx, [account]);
        return account;
      });
      return toAccountDto(row, null);
    } catch (err) {
      // Two operators at once: the partial unique index lets one through.
      if (isUniqueViolation(err))
        throw new Conflict('VPN_ACCOUNT_EXISTS', `The employee already has an open VPN account for profile ${dto.profile}`, { profile: dto.profile });
      throw err;
    }
  }

  async get(id: string): Promise<VpnAccountDto> {
    const account = await this.steps.load(id);
    const gateway = account.gatewayId ? await this.gateways.findById(account.gatewayId) : null;
    const status = account.currentSerial ? ((await this.steps.certificateStatus(account.currentSerial)) ?? undefined) : undefined;
    return toAccountDto(account, gateway, status);
  }

  async list(query: VpnAccountListQueryDto): Promise<VpnAccountPageDto> {
    const limit = query.limit ?? 50;
    const rows = await this.accounts.list(
      { state: query.state, gatewayId: query.gatewayId, employeeId: query.employeeId, profile: query.profile },
      limit + 1,
      createdAtAfter(readCursor(query.cursor, 'createdAt', 2)),
    );
    const page = rows.slice(0, limit);
    const toDto = await this.withGateways();
    const last = page[page.length - 1];
    return {
      items: page.map(toDto),
      nextCursor: rows.length > limit && last ? encodeCursor('createdAt', [last.createdAt, last.id]) : null,
    };
  }

  /** Each of these employees' accounts as `list` gives them, in one read: a manager's team. */
  async ofEmployees(employeeIds: string[]): Promise<Map<string, VpnAccountDto[]>> {
    const rows = await this.accounts.forEmployees([...new Set(employeeIds)]);
    const toDto = await this.withGateways();
    return new Map(employeeIds.map((id) => [id, (rows.get(id) ?? []).map(toDto)]));
  }

  /** An account as the lists show it, with its gateway (the gateways read once per list). */
  private async withGateways(): Promise<(a: VpnAccountEntity) => VpnAccountDto> {
    const gateways = new Map((await this.gateways.list()).map((g) => [g.id, g]));
    return (a) => toAccountDto(a, a.gatewayId ? gateways.get(a.gatewayId) : null);
  }

  /**
   * Gated; places the account on the gateway of its profile with the lowest expected load / capacity. With
   * VPN_MANAGER_APPROVAL on, only once the manager of the employee's service has approved the request.
   */
  async approve(actor: Actor, id: string): Promise<VpnAccountDto> {
    const result = await this.steps.unit(actor, 'approve', id, async (tx) => {
      const current = await this.steps.load(id, tx);
      assertCanApply(current.state, 'approve');
      // The manager's step first, when the municipality wants it (VPN_MANAGER_APPROVAL).
      await this.managerApprovals.assertApproved(tx, current);
      // Reads first (they take no locks), then the audit event and the conditional update that claims the account.
      const gate = await this.steps.passGate(tx, current.employeeId);
      const gateway = await this.placement.place(tx, current.profile, gate.remoteDaysPerWeek ?? 0);
      const approved = await this.steps.claim(
        tx,
        current,
        allowedFrom('approve'),
        'approved',
        { approvedAt: this.clock.nowIso(), gatewayId: gateway.id, agreementId: gate.agreementId, remoteDaysPerWeek: gate.remoteDaysPerWeek },
        { actor, action: 'approved', summary: { gateway: gateway.name, agreementId: gate.agreementId, remoteDaysPerWeek: gate.remoteDaysPerWeek } },
      );
      return { approved, gateway };
    });
    return toAccountDto(result.approved, result.gateway);
  }

  private exists(open: VpnAccountEntity): Conflict {
    return new Conflict('VPN_ACCOUNT_EXISTS', `The employee already has an open VPN account for profile ${open.profile}`, {
      accountId: open.id,
      state: open.state,
    });
  }
}
