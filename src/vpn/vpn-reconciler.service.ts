import { Injectable, Logger } from '@nestjs/common';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Certificates } from '../pki';
import { afterCertificateLost, CERTIFIED_STATES, groupChange } from './domain/account-lifecycle';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnCertificates } from './vpn-certificates';

/**
 * Accounts follow their certificate when it is revoked outside them. The case that matters: a laptop reported
 * lost or stolen — inventory records `pki.station-compromised`, the PKI revokes every certificate of the laptop
 * (keyCompromise) and rebuilds the CRL at once, so the laptop is locked out within the request. This reconciler
 * then brings the account along (every `reconcileEveryMinutes`, and on demand): a certified account goes back to
 * `approved`, without certificate or laptop, waiting for a certificate for a new laptop; an active one leaves
 * the directory VPN group; a suspended one stays suspended (resuming it then leads to `approved`). The same
 * happens after a revocation through /certificates/:serial/revoke, and when the laptop comes back to inventory
 * (`pki.station-returned`, cessationOfOperation): the laptop may go to someone else, the account needs a new one.
 */
/** Accounts reconciled per run at most, and accounts read per page. */
const LIMIT = 1000;
const PAGE = 500;

@Injectable()
export class VpnReconciler {
  private readonly logger = new Logger('Vpn');
  private readonly actor: Actor = { ...SYSTEM_ACTOR, name: 'vpn-reconcile' };

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly steps: VpnAccountSteps,
    private readonly certificates: VpnCertificates,
    private readonly pki: Certificates,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    let changed = 0;
    for (const id of await this.withRevokedCertificate(LIMIT)) {
      try {
        if (await this.reconcile(id)) changed += 1;
      } catch (err) {
        this.logger.error({ err, accountId: id }, 'reconciling a VPN account with its revoked certificate failed; the next run tries again');
      }
    }
    if (changed) this.logger.warn({ accounts: changed }, 'VPN accounts whose certificate was revoked elsewhere now wait for a new certificate');
    return changed;
  }

  /**
   * Accounts holding a certificate the PKI has revoked meanwhile (a laptop reported lost or stolen, a revocation
   * through /certificates/:serial/revoke), up to `limit`, by id: a page of accounts, then one status lookup of its
   * serials through the PKI's port.
   */
  private async withRevokedCertificate(limit: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    while (ids.length < limit) {
      const page = await this.accounts.holdingCertificate([...CERTIFIED_STATES, 'suspended'], PAGE, after);
      if (page.length === 0) break;
      const statuses = await this.pki.statuses(page.map((a) => a.serial));
      ids.push(...page.filter((a) => statuses.get(a.serial)?.status === 'revoked').map((a) => a.id));
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return ids.slice(0, limit);
  }

  /** One account; true when it changed. Idempotent. */
  async reconcile(id: string): Promise<boolean> {
    const result = await this.steps.unit(this.actor, 'reconcile', id, async (tx) => {
      const current = await this.steps.load(id, tx);
      if (!current.currentSerial) return false;
      const certificate = await this.pki.status(current.currentSerial, tx);
      if (certificate?.status !== 'revoked') return false;
      const reason = certificate.revocationReason;
      const to = afterCertificateLost(current.state);
      const next = await this.steps.claim(
        tx,
        current,
        [current.state],
        to,
        {
          currentSerial: null,
          certificateNotAfter: null,
          keyOrigin: null,
          stationAssetId: null,
          stationAssetTag: null,
          supersededSerial: null,
          supersedeAfter: null,
          certificateLostReason: reason,
          certificateLostAt: this.clock.nowIso(),
        },
        {
          actor: this.actor,
          action: 'certificate-lost',
          summary: { serial: current.currentSerial, reason, from: current.state, stationAssetTag: current.stationAssetTag },
        },
      );
      // The renewal's previous certificate sits on the same laptop (same key): it goes too.
      const alsoRevoked = await this.certificates.retire(
        tx,
        [current.supersededSerial],
        reason === 'keyCompromise' ? 'keyCompromise' : 'superseded',
        this.actor,
      );
      await this.steps.groupJob(tx, next, groupChange(current.state, to));
      return alsoRevoked.length > 0 ? 'published' : true;
    });
    if (result === 'published') await this.certificates.publish();
    return result !== false;
  }
}
