import { Injectable } from '@nestjs/common';
import { EligibilityService } from '../activities';
import { AgreementsService } from '../agreements';
import { Actor } from '../common/auth/roles';
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

  /** The team table: a fixed number of reads whatever the team's size (each owner's face answers for all of them at once). */
  async team(actor: Actor): Promise<ManagerTeamDto> {
    const { manager, people } = await this.scope.resolve(actor);
    const ids = people.map((p) => p.id);
    const [work, agreements, accounts] = await Promise.all([
      this.eligibility.activitiesOfEach(ids),
      this.agreements.ofEmployees(ids),
      this.vpnAccounts.ofEmployees(ids),
    ]);
    const steps = await this.approvals.stepOf([...accounts.values()].flat());
    const members = people.map((p): TeamMemberDto => {
      const own = work.get(p.id);
      return {
        employeeId: p.id,
        employeeNumber: p.employeeNumber,
        firstName: p.firstName,
        lastName: p.lastName,
        profile: p.profile,
        category: p.category,
        activities: (own?.activities ?? []).map((a) => ({
          id: a.id,
          macroActivity: a.macroActivity,
          name: a.name,
          mode: a.mode,
          remoteCapable: a.remoteCapable,
        })),
        eligible: own?.eligible ?? false,
        remoteCapability: own?.capability ?? 'none',
        agreement: currentAgreement(agreements.get(p.id) ?? []),
        vpnAccounts: (accounts.get(p.id) ?? []).map((v) => ({
          id: v.id,
          profile: v.profile,
          state: v.state,
          awaitingManager: steps.get(v.id)?.awaitingManager ?? false,
          managerDecision: steps.get(v.id)?.decision?.decision ?? null,
        })),
      };
    });
    return {
      service: { id: manager.serviceId, code: manager.serviceCode, name: manager.serviceName },
      vpnManagerApproval: this.approvals.enabled,
      people: members,
    };
  }

  async countersignatures(actor: Actor): Promise<CountersignatureTaskListDto> {
    const { manager, people } = await this.scope.resolve(actor);
    const agreements = await this.agreements.ofEmployees(people.map((p) => p.id));
    const items: CountersignatureTaskDto[] = [];
    for (const p of people) {
      for (const a of agreements.get(p.id) ?? []) {
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
    const accounts = await this.vpnAccounts.ofEmployees(scope.people.map((p) => p.id));
    const requested = [...accounts.values()].flat().filter((a) => a.state === 'requested');
    const steps = await this.approvals.stepOf(requested);
    const waitingFor = new Set(requested.filter((a) => steps.get(a.id)?.awaitingManager).map((a) => a.employeeId));
    const eligible = await this.eligibility.eligibleAmong([...waitingFor]);
    const items: VpnRequestTaskListDto['requests'] = [];
    for (const p of scope.people) {
      for (const a of (accounts.get(p.id) ?? []).filter((x) => x.state === 'requested' && steps.get(x.id)?.awaitingManager)) {
        items.push({
          accountId: a.id,
          employeeId: p.id,
          firstName: p.firstName,
          lastName: p.lastName,
          profile: a.profile,
          requestedAt: a.requestedAt,
          eligible: eligible.has(p.id),
        });
      }
    }
    return { enabled: true, requests: items };
  }
}
