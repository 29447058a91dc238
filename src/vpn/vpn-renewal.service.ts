import { Injectable, Logger } from '@nestjs/common';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { Certificates } from '../pki';
import { isRenewalDue, isSupersedeDue, RENEWED_STATES, renewalHorizon, supersedeAt } from './domain/renewal';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnCertificates } from './vpn-certificates';
import { VpnSettings } from './vpn-settings';

export interface RenewalRun {
  renewed: number;
  refused: number;
  superseded: number;
  failed: number;
}

const BATCH = 500;

/**
 * The daily renewal (SPEC §2). Accounts in use whose certificate expires within `renewBeforeDays` get a new
 * certificate for the same public key (gated: an employee who no longer passes is not renewed, and offboarding
 * follows); the account keeps working on the old certificate until the laptop has the new profile, and a later
 * run revokes the old one as `superseded` once `supersedeGraceDays` have passed. Each account is its own unit:
 * one failure does not stop the others, and running twice changes nothing the second time.
 */
@Injectable()
export class VpnRenewalService {
  private readonly logger = new Logger('Vpn');
  private readonly actor: Actor = { ...SYSTEM_ACTOR, name: 'vpn-renewal' };

  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly steps: VpnAccountSteps,
    private readonly pki: Certificates,
    private readonly certificates: VpnCertificates,
    private readonly settings: VpnSettings,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<RenewalRun> {
    const result: RenewalRun = { renewed: 0, refused: 0, superseded: 0, failed: 0 };
    const now = this.clock.now();
    for (const account of await this.accounts.dueForRenewal(RENEWED_STATES, renewalHorizon(now, this.settings.renewal), BATCH)) {
      try {
        if (await this.renew(account)) result.renewed += 1;
      } catch (err) {
        if ((err as { code?: string }).code === 'GATE_REFUSED') result.refused += 1;
        else {
          result.failed += 1;
          this.logger.error({ err, accountId: account.id }, 'renewal of a VPN certificate failed; the next run tries again');
        }
      }
    }
    for (const account of await this.accounts.dueForSupersede(now.toISOString(), BATCH)) {
      try {
        if (await this.supersede(account)) result.superseded += 1;
      } catch (err) {
        result.failed += 1;
        this.logger.error({ err, accountId: account.id }, 'revoking a superseded VPN certificate failed; the next run tries again');
      }
    }
    if (result.superseded > 0) await this.certificates.publish();
    if (result.renewed || result.superseded || result.refused || result.failed) this.logger.log({ ...result }, 'VPN certificate renewal run');
    return result;
  }

  /**
   * The hot-line's "Rinnova" from the expiring list (POST /api/v1/vpn/accounts/:id/renew): the daily run's renewal,
   * now, whatever the horizon. Gated (422 GATE_REFUSED); 409 when the account is not in use (installed or active),
   * has no valid certificate, or a previous renewal still waits out its grace period.
   */
  async renewNow(actor: Actor, id: string): Promise<void> {
    const account = await this.steps.load(id);
    if (!RENEWED_STATES.includes(account.state) || account.supersededSerial) {
      throw new Conflict('VPN_ACCOUNT_STATE_CONFLICT', `A VPN account in state ${account.state} cannot be renewed`, {
        state: account.state,
        action: 'renew',
        allowedFrom: [...RENEWED_STATES],
        pendingSupersede: account.supersededSerial !== null,
      });
    }
    if (!account.currentSerial || !account.stationAssetId || !account.stationAssetTag) {
      throw new Conflict('VPN_ACCOUNT_HAS_NO_CERTIFICATE', `A VPN account in state ${account.state} has no usable certificate: issue one first`, {
        state: account.state,
      });
    }
    if (!(await this.renew(account, { actor, anyHorizon: true }))) {
      throw new Conflict('VPN_CERTIFICATE_NOT_VALID', 'The certificate of this account is no longer valid (revoked or on hold): issue a new one', {
        serial: account.currentSerial,
      });
    }
  }

  private async renew(due: VpnAccountEntity, by: { actor: Actor; anyHorizon: boolean } = { actor: this.actor, anyHorizon: false }): Promise<boolean> {
    const oldSerial = due.currentSerial;
    if (!oldSerial || !due.stationAssetId || !due.stationAssetTag) return false;
    const old = await this.pki.get(oldSerial);
    if (old.status !== 'valid') return false; // revoked or held meanwhile: reconciliation or the hot-line deals with it
    const prepared = await this.pki.prepareStation({
      renewalOfPem: old.certificatePem,
      keyOrigin: old.keyOrigin,
      username: due.username,
      assetTag: due.stationAssetTag,
      stationAssetId: due.stationAssetId,
      employeeId: due.employeeId,
      vpnAccountId: due.id,
    });
    return this.steps.unit(by.actor, 'renew', due.id, async (tx) => {
      const current = await this.steps.load(due.id, tx);
      const now = this.clock.now();
      const horizon = by.anyHorizon ? { ...this.settings.renewal, renewBeforeDays: 36_500 } : this.settings.renewal;
      if (current.currentSerial !== oldSerial || !isRenewalDue(current.state, current.certificateNotAfter, current.supersededSerial, now, horizon))
        return false;
      const gate = await this.steps.passGate(tx, current.employeeId);
      const supersedeAfter = supersedeAt(now, this.settings.renewal);
      await this.steps.claim(
        tx,
        current,
        [current.state],
        current.state,
        {
          currentSerial: prepared.serial,
          certificateNotAfter: prepared.notAfter,
          supersededSerial: oldSerial,
          supersedeAfter,
          renewedAt: now.toISOString(),
          agreementId: gate.agreementId,
          remoteDaysPerWeek: gate.remoteDaysPerWeek,
        },
        { actor: by.actor, action: 'renewed', summary: { from: oldSerial, to: prepared.serial, notAfter: prepared.notAfter, supersedeAfter } },
      );
      await this.pki.record(tx, prepared, by.actor);
      return true;
    });
  }

  private async supersede(due: VpnAccountEntity): Promise<boolean> {
    return this.steps.unit(this.actor, 'supersede', due.id, async (tx) => {
      const current = await this.steps.load(due.id, tx);
      if (!current.supersededSerial || current.supersededSerial !== due.supersededSerial || !isSupersedeDue(current.supersedeAfter, this.clock.now()))
        return false;
      await this.steps.claim(
        tx,
        current,
        [current.state],
        current.state,
        { supersededSerial: null, supersedeAfter: null },
        {
          actor: this.actor,
          action: 'certificate-superseded',
          summary: { serial: current.supersededSerial, by: current.currentSerial },
        },
      );
      await this.certificates.retire(tx, [current.supersededSerial], 'superseded', this.actor, current.currentSerial ?? undefined);
      return true;
    });
  }
}
