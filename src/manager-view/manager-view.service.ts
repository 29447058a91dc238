import { Injectable } from '@nestjs/common';
import { EligibilityService } from '../activities';
import { AgreementsService } from '../agreements';
import { Actor } from '../common/auth/roles';
import { EmployeeView } from '../directory';
import { VpnAccountsService, VpnManagerApprovals } from '../vpn';
import {
  CountersignatureTaskDto,
  CountersignatureTaskListDto,
  ManagerTeamDto,
  TeamAgreementDto,
  TeamMemberDto,
  VpnRequestTaskListDto,
} from './dto/manager-view.dto';
import { ManagerScope, ManagerScopeResolver } from './manager-scope';

type AgreementItem = Awaited<ReturnType<AgreementsService['list']>>['items'][number];
type VpnItem = Awaited<ReturnType<VpnAccountsService['list']>>['items'][number];

/** Agreements read per person: far more than anyone has (one a year, at most a few more). */
const AGREEMENTS_PER_PERSON = 100;
const ACCOUNTS_PER_PERSON = 50;
const ENDED = ['withdrawn', 'expired'];

/** The agreement the team table shows: in force today, else the latest not ended, else the latest. */
function currentAgreement(items: AgreementItem[]): TeamAgreementDto | null {
  const a = items.find((x) => x.inForceToday) ?? items.find((x) => !ENDED.includes(x.state)) ?? items[0];
  return a
    ? { id: a.id, state: a.state, startDate: a.startDate, endDate: a.endDate, remoteDaysPerWeek: a.remoteDaysPerWeek, inForceToday: a.inForceToday }
    : null;
}

/**
 * What an agreement awaits from this manager, if anything: their counterpart signature (the employee signed, no
 * counterpart signature recorded yet), or their confirmation of one recorded from paper in their name. Whether
 * the act itself is allowed stays the agreements feature's to decide when the manager acts (its routes).
 */
function awaitedAction(a: AgreementItem, managerId: string): 'sign' | 'confirm' | null {
  const s = a.signatures;
  if (a.state === 'awaiting_confirmation' && s.countersignature?.status === 'awaiting_confirmation' && s.countersignature.signerEmployeeId === managerId) {
    return 'confirm';
  }
  if (a.state === 'draft' && s.employee !== null && s.countersignature === null) return 'sign';
  return null;
}

/**
 * The manager's own view (issue 15): a read model composed from the owners' faces — directory (who their people
 * are), activities (what they do, and the eligibility rule), agreements and VPN. No rule is decided here.
 */
@Injectable()
export class ManagerViewService {
  constructor(
    private readonly scope: ManagerScopeResolver,
    private readonly eligibility: EligibilityService,
    private readonly agreements: AgreementsService,
    private readonly vpnAccounts: VpnAccountsService,
    private readonly approvals: VpnManagerApprovals,
  ) {}

  async team(actor: Actor): Promise<ManagerTeamDto> {
    const { manager, people } = await this.scope.resolve(actor);
    const members: TeamMemberDto[] = [];
    for (const p of people) {
      const [work, agreements, accounts] = await Promise.all([this.eligibility.activitiesOf(p.id), this.agreementsOf(actor, p), this.accountsOf(p)]);
      const steps = await this.approvals.stepOf(accounts);
      members.push({
        employeeId: p.id,
        employeeNumber: p.employeeNumber,
        firstName: p.firstName,
        lastName: p.lastName,
        profile: p.profile,
        category: p.category,
        activities: work.activities.map((a) => ({ id: a.id, macroActivity: a.macroActivity, name: a.name, mode: a.mode, remoteCapable: a.remoteCapable })),
        eligible: work.eligible,
        remoteCapability: work.capability,
        agreement: currentAgreement(agreements),
        vpnAccounts: accounts.map((v) => ({
          id: v.id,
          profile: v.profile,
          state: v.state,
          awaitingManager: steps.get(v.id)?.awaitingManager ?? false,
          managerDecision: steps.get(v.id)?.decision?.decision ?? null,
        })),
      });
    }
    return {
      service: { id: manager.serviceId, code: manager.serviceCode, name: manager.serviceName },
      vpnManagerApproval: this.approvals.enabled,
      people: members,
    };
  }

  async countersignatures(actor: Actor): Promise<CountersignatureTaskListDto> {
    const { manager, people } = await this.scope.resolve(actor);
    const items: CountersignatureTaskDto[] = [];
    for (const p of people) {
      for (const a of await this.agreementsOf(actor, p)) {
        const action = awaitedAction(a, manager.id);
        if (!action) continue;
        items.push({
          agreementId: a.id,
          employeeId: p.id,
          firstName: p.firstName,
          lastName: p.lastName,
          state: a.state,
          startDate: a.startDate,
          endDate: a.endDate,
          remoteDaysPerWeek: a.remoteDaysPerWeek,
          action,
          documentSha256: a.signatures.documentSha256,
          documentReference: action === 'confirm' ? (a.signatures.countersignature?.documentReference ?? null) : null,
        });
      }
    }
    return { managerEmployeeId: manager.id, tasks: items };
  }

  async vpnRequests(actor: Actor): Promise<VpnRequestTaskListDto> {
    const scope: ManagerScope = await this.scope.resolve(actor);
    if (!this.approvals.enabled) return { enabled: false, requests: [] };
    const items: VpnRequestTaskListDto['requests'] = [];
    for (const p of scope.people) {
      const requested = (await this.accountsOf(p)).filter((a) => a.state === 'requested');
      const steps = await this.approvals.stepOf(requested);
      const waiting = requested.filter((a) => steps.get(a.id)?.awaitingManager);
      if (waiting.length === 0) continue;
      const eligible = (await this.eligibility.activitiesOf(p.id)).eligible;
      for (const a of waiting) {
        items.push({
          accountId: a.id,
          employeeId: p.id,
          firstName: p.firstName,
          lastName: p.lastName,
          profile: a.profile,
          requestedAt: a.requestedAt,
          eligible,
        });
      }
    }
    return { enabled: true, requests: items };
  }

  private async agreementsOf(actor: Actor, p: EmployeeView): Promise<AgreementItem[]> {
    return (await this.agreements.list(actor, { employeeId: p.id, limit: AGREEMENTS_PER_PERSON })).items;
  }

  private async accountsOf(p: EmployeeView): Promise<VpnItem[]> {
    return (await this.vpnAccounts.list({ employeeId: p.id, limit: ACCOUNTS_PER_PERSON })).items;
  }
}
