import { Injectable } from '@nestjs/common';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Tx } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import { OffboardingCase, OffboardingStep } from '../offboarding';
import { Certificates } from '../pki';
import { offboardingRevocationReason } from './domain/account-lifecycle';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnCertificates } from './vpn-certificates';

/**
 * Offboarding step 'vpn' (SPEC §2): when an agreement ends or the person leaves the directory, every open VPN
 * account of theirs is suspended, every certificate revoked — affiliationChanged when the agreement ended,
 * cessationOfOperation when they left — and the directory VPN-group membership removed (through the outbox).
 * Suspended, not revoked: a new agreement lets the hot-line resume the account, which then waits for a new
 * certificate. Runs inside the offboarding unit; idempotent (a second run finds nothing left to do).
 */
@Injectable()
export class VpnOffboardingStep implements OffboardingStep {
  readonly name = 'vpn';
  private readonly actor: Actor = { ...SYSTEM_ACTOR, name: 'offboarding' };

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly steps: VpnAccountSteps,
    private readonly pki: Certificates,
    private readonly certificates: VpnCertificates,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async run(c: OffboardingCase, tx: Tx): Promise<Record<string, unknown>> {
    const reason = offboardingRevocationReason(c.trigger);
    const suspended: string[] = [];
    const revoked: string[] = [];
    for (const account of await this.accounts.forEmployee(c.employeeId, tx)) {
      if (account.state === 'revoked') continue;
      if (account.state === 'suspended' && !account.currentSerial && !account.supersededSerial) {
        revoked.push(...(await this.pki.revokeAllFor(tx, { vpnAccountId: account.id }, reason, this.actor)));
        continue;
      }
      const current = await this.steps.load(account.id, tx);
      const next = await this.steps.claim(
        tx,
        current,
        [current.state],
        'suspended',
        {
          ...(current.state === 'suspended'
            ? {}
            : { suspendedAt: this.clock.nowIso(), suspendedFrom: current.state, suspensionReason: `offboarding: ${c.trigger} (${c.effectiveDate})` }),
          // offboarding takes over a suspension for another cause: no agreement's resumption brings the account back
          suspensionCause: 'offboarding',
          suspensionAgreementId: null,
          currentSerial: null,
          certificateNotAfter: null,
          keyOrigin: null,
          supersededSerial: null,
          supersedeAfter: null,
        },
        { actor: this.actor, action: 'offboarded', summary: { caseId: c.id, trigger: c.trigger, from: current.state, reason } },
      );
      revoked.push(...(await this.pki.revokeAllFor(tx, { vpnAccountId: account.id }, reason, this.actor)));
      suspended.push(next.id);
    }
    // Certificates of the person not tied to an account (issued directly through the PKI) go too.
    revoked.push(...(await this.pki.revokeAllFor(tx, { employeeId: c.employeeId }, reason, this.actor)));
    // Whatever the accounts said: membership ends with the offboarding (the handler checks no account is active).
    await this.outbox.record(tx, 'vpn.group-remove', { employeeId: c.employeeId, accountId: null }, { jobId: `vpn-group-remove-offboarding-${c.id}` });
    if (revoked.length) tx.afterCommit(() => void this.certificates.publish());
    return { accountsSuspended: suspended.length, certificatesRevoked: revoked.length, reason };
  }
}
