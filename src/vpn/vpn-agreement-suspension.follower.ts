import { Injectable } from '@nestjs/common';
import { AgreementPause, AgreementSuspensionFollower, FollowerOutcome } from '../agreements';
import { ProvisioningGate } from '../agreements';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Tx } from '../database/unit-of-work';
import { resumedByAgreement, suspendedByAgreement } from './domain/account-lifecycle';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnAccountTransitionsService } from './vpn-account-transitions.service';
import { VpnCertificates } from './vpn-certificates';

/**
 * The VPN side of an agreement's suspension, inside the agreement's unit: every account of the employee still
 * running is suspended (cause agreement, certificate on a hold only resuming the account lifts), and on resumption
 * exactly those accounts are resumed — through the gate, like the hot-line's resume. An account the hot-line had
 * suspended for its own reason stays suspended. When the gate refuses on resumption (e.g. the employee is no longer
 * eligible), the account stays suspended and the refusal is audited; the agreement's resumption still holds.
 */
@Injectable()
export class VpnAgreementSuspensionFollower implements AgreementSuspensionFollower {
  readonly name = 'vpn';

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly steps: VpnAccountSteps,
    private readonly transitions: VpnAccountTransitionsService,
    private readonly certificates: VpnCertificates,
    private readonly gate: ProvisioningGate,
    private readonly audit: AuditService,
  ) {}

  async suspended(pause: AgreementPause, tx: Tx, actor: Actor): Promise<FollowerOutcome> {
    const suspended: string[] = [];
    let published = false;
    for (const { id, state } of await this.accounts.forEmployee(pause.employeeId, tx)) {
      if (!suspendedByAgreement(state)) continue;
      const current = await this.steps.load(id, tx);
      // A fixed text: HR's free-text reason may be about health, and hot-line and technicians read accounts.
      const reason = 'agreement suspended';
      const done = await this.transitions.suspendWithin(tx, actor, current, { reason, cause: 'agreement', agreementId: pause.agreementId });
      published ||= done.published;
      suspended.push(id);
    }
    return { record: { accountsSuspended: suspended }, ...(published ? { afterCommit: () => this.certificates.publish() } : {}) };
  }

  async resumed(pause: AgreementPause, tx: Tx, actor: Actor): Promise<FollowerOutcome> {
    const mine = (await this.accounts.forEmployee(pause.employeeId, tx)).filter((a) => resumedByAgreement(a, pause.agreementId));
    if (mine.length === 0) return { record: { accountsResumed: [] } };
    // Checked here first, so a refusal leaves the accounts suspended without a write of the resume half-done.
    const decision = await this.gate.check(pause.employeeId, tx);
    if (!decision.allowed) {
      for (const a of mine) {
        await this.audit.record(tx, actor, {
          action: 'vpn.account.resume-refused',
          entityType: 'vpn-account',
          entityId: a.id,
          summary: { code: 'GATE_REFUSED', refusals: decision.refusals, cause: 'agreement', agreementId: pause.agreementId },
        });
      }
      return { record: { accountsResumed: [], gateRefused: decision.refusals, accountsStillSuspended: mine.map((a) => a.id) } };
    }
    const resumed: string[] = [];
    let published = false;
    for (const a of mine) {
      const current = await this.steps.load(a.id, tx);
      const done = await this.transitions.resumeWithin(tx, actor, current, { cause: 'agreement', agreementId: pause.agreementId });
      published ||= done.published;
      resumed.push(a.id);
    }
    return { record: { accountsResumed: resumed }, ...(published ? { afterCommit: () => this.certificates.publish() } : {}) };
  }
}
