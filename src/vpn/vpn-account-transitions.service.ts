import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { Certificates } from '../pki';
import {
  AccountState,
  allowedFrom,
  assertCanApply,
  CERTIFIED_STATES,
  groupChange,
  resumeIsGated,
  resumeTarget,
  SuspensionCause,
} from './domain/account-lifecycle';
import { AccountRevocationReason, InstalledDto, RevokeVpnAccountDto, SuspendVpnAccountDto, VpnAccountDto } from './dto/vpn-account.dto';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnCertificates } from './vpn-certificates';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { toAccountDto } from './vpn.mapper';

/**
 * installed → active ⇄ suspended → revoked. Activation and resumption are gated. Suspension puts the certificate
 * on hold (certificateHold: it is on the next CRL, and only resumption lifts it — the certificates API refuses,
 * CERTIFICATE_HOLD_OWNED_BY_ACCOUNT) and, like revocation, takes the
 * employee out of the directory VPN group when the account was active; activation puts them in.
 */
@Injectable()
export class VpnAccountTransitionsService {
  constructor(
    private readonly steps: VpnAccountSteps,
    private readonly certificates: VpnCertificates,
    private readonly pki: Certificates,
    private readonly gateways: VpnGatewayRepository,
    private readonly clock: Clock,
  ) {}

  /** The hot-line confirms the profile is installed on the laptop; with `activate`, the account is activated too. */
  async installed(actor: Actor, id: string, dto: InstalledDto): Promise<VpnAccountDto> {
    const activate = dto.activate === true;
    return this.change(actor, id, activate ? 'activate' : 'install', async (tx, current) => {
      assertCanApply(current.state, 'install');
      await this.assertCertificateValid(tx, current);
      const gate = activate ? await this.steps.passGate(tx, current.employeeId) : null;
      const now = this.clock.nowIso();
      const to: AccountState = activate ? 'active' : 'installed';
      const next = await this.steps.claim(
        tx,
        current,
        allowedFrom('install'),
        to,
        { installedAt: now, ...(gate ? { activatedAt: now, agreementId: gate.agreementId, remoteDaysPerWeek: gate.remoteDaysPerWeek } : {}) },
        [{ actor, action: 'installed' }, ...(gate ? [{ actor, action: 'activated', summary: { agreementId: gate.agreementId } }] : [])],
      );
      await this.steps.groupJob(tx, next, groupChange(current.state, to));
      return { next, published: false };
    });
  }

  /** Gated; the employee is added to the directory VPN group (through the outbox). */
  async activate(actor: Actor, id: string): Promise<VpnAccountDto> {
    return this.change(actor, id, 'activate', async (tx, current) => {
      assertCanApply(current.state, 'activate');
      await this.assertCertificateValid(tx, current);
      const gate = await this.steps.passGate(tx, current.employeeId);
      const next = await this.steps.claim(
        tx,
        current,
        allowedFrom('activate'),
        'active',
        { activatedAt: this.clock.nowIso(), agreementId: gate.agreementId, remoteDaysPerWeek: gate.remoteDaysPerWeek },
        { actor, action: 'activated', summary: { agreementId: gate.agreementId } },
      );
      await this.steps.groupJob(tx, next, groupChange(current.state, 'active'));
      return { next, published: false };
    });
  }

  /** The hot-line's suspension (cause operator): an agreement's resumption never resumes it. */
  async suspend(actor: Actor, id: string, dto: SuspendVpnAccountDto): Promise<VpnAccountDto> {
    return this.change(actor, id, 'suspend', (tx, current) => this.suspendWithin(tx, actor, current, { reason: dto.reason.trim(), cause: 'operator' }));
  }

  /**
   * Suspends inside the caller's unit (the hot-line's, or an agreement's suspension): the certificate goes on a hold
   * that is the account's own — only resuming the account lifts it — and the employee leaves the VPN group.
   * `published`: a hold was placed, publish the CRL after the commit.
   */
  async suspendWithin(
    tx: Tx,
    actor: Actor,
    current: VpnAccountEntity,
    why: { reason: string; cause: SuspensionCause; agreementId?: string },
  ): Promise<{ next: VpnAccountEntity; published: boolean }> {
    assertCanApply(current.state, 'suspend');
    const willHold = (await this.certificates.standing(tx, current.currentSerial)) === 'valid';
    const next = await this.steps.claim(
      tx,
      current,
      allowedFrom('suspend'),
      'suspended',
      {
        suspendedAt: this.clock.nowIso(),
        suspendedFrom: current.state,
        suspensionReason: why.reason.slice(0, 500),
        suspensionCause: why.cause,
        suspensionAgreementId: why.agreementId ?? null,
      },
      {
        actor,
        action: 'suspended',
        summary: {
          from: current.state,
          reason: why.reason,
          cause: why.cause,
          agreementId: why.agreementId ?? null,
          certificateHeld: willHold ? current.currentSerial : null,
        },
      },
    );
    const held = await this.certificates.hold(tx, current.currentSerial, actor);
    await this.steps.groupJob(tx, next, groupChange(current.state, 'suspended'));
    return { next, published: held };
  }

  /**
   * Back to the state it was suspended from, the hold lifted; to `approved` (a new certificate is needed) when the
   * certificate was revoked meanwhile. Gated unless it only goes back to `requested`.
   */
  async resume(actor: Actor, id: string): Promise<VpnAccountDto> {
    return this.change(actor, id, 'resume', (tx, current) => this.resumeWithin(tx, actor, current));
  }

  /** Resumes inside the caller's unit (the hot-line's, or an agreement's resumption); the gate runs first, before any write. */
  async resumeWithin(
    tx: Tx,
    actor: Actor,
    current: VpnAccountEntity,
    summary: Record<string, unknown> = {},
  ): Promise<{ next: VpnAccountEntity; published: boolean }> {
    assertCanApply(current.state, 'resume');
    const standing = await this.certificates.standing(tx, current.currentSerial);
    const to = resumeTarget(current.suspendedFrom, standing);
    const gate = resumeIsGated(to) ? await this.steps.passGate(tx, current.employeeId) : null;
    const keepsCertificate = CERTIFIED_STATES.includes(to);
    const willRelease = keepsCertificate && standing === 'on_hold';
    const next = await this.steps.claim(
      tx,
      current,
      allowedFrom('resume'),
      to,
      {
        resumedAt: this.clock.nowIso(),
        suspendedFrom: null,
        suspensionReason: null,
        suspensionCause: null,
        suspensionAgreementId: null,
        ...(keepsCertificate
          ? {}
          : {
              currentSerial: null,
              certificateNotAfter: null,
              keyOrigin: null,
              stationAssetId: null,
              stationAssetTag: null,
              supersededSerial: null,
              supersedeAfter: null,
            }),
        ...(gate ? { agreementId: gate.agreementId, remoteDaysPerWeek: gate.remoteDaysPerWeek } : {}),
      },
      { actor, action: 'resumed', summary: { ...summary, to, certificateReleased: willRelease ? current.currentSerial : null } },
    );
    const released = keepsCertificate ? await this.certificates.release(tx, current.currentSerial, actor) : false;
    await this.steps.groupJob(tx, next, groupChange('suspended', to));
    return { next, published: released };
  }

  /** Final: every certificate of the account is revoked with the reason given, and the CRL republished. */
  async revoke(actor: Actor, id: string, dto: RevokeVpnAccountDto): Promise<VpnAccountDto> {
    return this.change(actor, id, 'revoke', async (tx, current) => {
      assertCanApply(current.state, 'revoke');
      const next = await this.steps.claim(
        tx,
        current,
        allowedFrom('revoke'),
        'revoked',
        { revokedAt: this.clock.nowIso(), revocationReason: dto.reason, supersededSerial: null, supersedeAfter: null },
        // each certificate's revocation has its own `certificate.revoked` event (PKI)
        { actor, action: 'revoked', summary: { from: current.state, reason: dto.reason, note: dto.note ?? null } },
      );
      const revoked = await this.revokeAll(tx, current.id, dto.reason, actor);
      await this.steps.groupJob(tx, next, groupChange(current.state, 'revoked'));
      return { next, published: revoked.length > 0 };
    });
  }

  private revokeAll(tx: Tx, accountId: string, reason: AccountRevocationReason, actor: Actor): Promise<string[]> {
    return this.pki.revokeAllFor(tx, { vpnAccountId: accountId }, reason, actor);
  }

  private async assertCertificateValid(tx: Tx, account: VpnAccountEntity): Promise<void> {
    const standing = await this.certificates.standing(tx, account.currentSerial);
    if (standing !== 'valid') {
      throw new Conflict('VPN_CERTIFICATE_NOT_VALID', 'The certificate of this account is no longer valid (revoked or on hold): issue a new one', {
        serial: account.currentSerial,
        standing,
      });
    }
  }

  private async change(
    actor: Actor,
    id: string,
    action: string,
    work: (tx: Tx, current: VpnAccountEntity) => Promise<{ next: VpnAccountEntity; published: boolean }>,
  ): Promise<VpnAccountDto> {
    const { next, published } = await this.steps.unit(actor, action, id, async (tx) => work(tx, await this.steps.load(id, tx)));
    if (published) await this.certificates.publish();
    const gateway = next.gatewayId ? await this.gateways.findById(next.gatewayId) : null;
    const status = next.currentSerial ? ((await this.steps.certificateStatus(next.currentSerial)) ?? undefined) : undefined;
    return toAccountDto(next, gateway, status);
  }
}
