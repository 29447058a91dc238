import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Tx } from '../database/unit-of-work';
import { Certificates, RevocationReason } from '../pki';
import { CertificateStanding } from './domain/account-lifecycle';

/**
 * The account's side of certificate status changes, through the PKI's certificates port inside the caller's
 * unit (so the account change, the certificate change, their audit events and the CRL revision commit together).
 * Each helper looks at the certificate first and does nothing when there is nothing to do: callers are
 * idempotent.
 */
@Injectable()
export class VpnCertificates {
  constructor(private readonly pki: Certificates) {}

  async standing(tx: Tx, serial: string | null): Promise<CertificateStanding> {
    if (!serial) return 'none';
    const c = await this.pki.status(serial, tx);
    return c?.status === 'valid' ? 'valid' : c?.status === 'on_hold' ? 'on_hold' : 'none';
  }

  /** Revokes those of `serials` that still let someone in (valid or on hold). Returns the serials revoked. */
  async retire(
    tx: Tx,
    serials: (string | null)[],
    reason: Exclude<RevocationReason, 'certificateHold'>,
    actor: Actor,
    supersededBy?: string,
  ): Promise<string[]> {
    const revoked: string[] = [];
    for (const serial of new Set(serials.filter((s): s is string => !!s))) {
      if ((await this.standing(tx, serial)) === 'none') continue;
      await this.pki.revoke(tx, serial, reason, actor, supersededBy ? { supersededBy } : {});
      revoked.push(serial);
    }
    return revoked;
  }

  /**
   * certificateHold on a valid certificate (suspension). True when a hold was placed. The hold is the account's:
   * the certificates API refuses to lift it (CERTIFICATE_HOLD_OWNED_BY_ACCOUNT), only `release` (resume) does.
   */
  async hold(tx: Tx, serial: string | null, actor: Actor): Promise<boolean> {
    if (!serial || (await this.standing(tx, serial)) !== 'valid') return false;
    await this.pki.hold(tx, serial, actor, 'vpn-account');
    return true;
  }

  /** Lifts a hold (resume, after the gate passed), the account's own or a manual one. True when a hold was lifted. */
  async release(tx: Tx, serial: string | null, actor: Actor): Promise<boolean> {
    if (!serial || (await this.standing(tx, serial)) !== 'on_hold') return false;
    await this.pki.releaseHold(tx, serial, actor, 'vpn-account');
    return true;
  }

  /** After a committed status change: publish the CRL now (a rebuild job was queued with the change anyway). */
  async publish(): Promise<void> {
    await this.pki.publish('a VPN account change');
  }
}
