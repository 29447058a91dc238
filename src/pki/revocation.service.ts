import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit';
import { Clock } from '../common/clock';
import { Actor, SYSTEM_ACTOR } from '../common/auth/roles';
import { Conflict, DomainError, Forbidden, NotFound, ValidationFailed } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import { CertificateHolder, CertificateRepository } from './certificate.repository';
import { CertificateView, toCertificateView } from './certificate.mapper';
import { CrlService } from './crl.service';
import { HoldOwner, RevocationReason, isRevocationReason, planHoldRelease, planRevocation } from './domain/revocation';
import { parseSerial } from './serial-input';
import { normaliseSerial } from './x509/serial';
import './pki-jobs';

function assertReason(reason: unknown): asserts reason is RevocationReason {
  if (!isRevocationReason(reason)) {
    throw new ValidationFailed(
      [
        {
          field: 'reason',
          messages: [
            'an RFC 5280 reason: unspecified, keyCompromise, affiliationChanged, superseded, cessationOfOperation, certificateHold, privilegeWithdrawn',
          ],
        },
      ],
      'The revocation reason is not valid',
      'INVALID_REVOCATION_REASON',
    );
  }
}

/**
 * Revocation, holds and their release. Every status change bumps the CRL revision and records a
 * `pki.crl-rebuild` job in the same transaction, so a committed revocation always reaches the CRL even if
 * the process dies right after; callers that can wait (HTTP, the compromise handler) also rebuild at once.
 * Lock order is audit head → certificate row → CRL counters in every path, so concurrent units cannot deadlock.
 */
@Injectable()
export class RevocationService {
  private readonly logger = new Logger('Pki');

  constructor(
    private readonly certificates: CertificateRepository,
    private readonly crl: CrlService,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /**
   * Revokes (or, with certificateHold, suspends) one certificate inside the caller's unit of work. A hold records
   * its owner (`holdOwner`, default manual): a hold placed by a VPN account's suspension is lifted only by resuming it.
   */
  async revoke(
    tx: Tx,
    serialInput: string,
    reason: RevocationReason,
    actor: Actor,
    options: { supersededBy?: string; holdOwner?: HoldOwner } = {},
  ): Promise<CertificateView> {
    const serial = parseSerial(serialInput);
    assertReason(reason);
    const supersededBy = options.supersededBy ? parseSerial(options.supersededBy) : null;
    const current = await this.certificates.findBySerial(serial, tx);
    if (!current) throw NotFound.entity('CERTIFICATE_NOT_FOUND', 'certificate', serial);
    if (current.kind === 'server' && actor.role !== 'admin' && actor.role !== 'system') {
      throw new Forbidden('SERVER_CERTIFICATE_ADMIN_ONLY', 'Only an administrator can revoke a gateway certificate: every VPN user depends on it');
    }
    const next = planRevocation(current.status, reason);
    const holdOwner: HoldOwner | null = next === 'on_hold' ? (options.holdOwner ?? 'manual') : null;
    const now = this.clock.nowIso();
    await this.audit.record(tx, actor, {
      action: next === 'on_hold' ? 'certificate.held' : 'certificate.revoked',
      entityType: 'certificate',
      entityId: serial,
      summary: {
        reason,
        from: current.status,
        subjectCn: current.subjectCn,
        stationAssetId: current.stationAssetId,
        supersededBy,
        ...(holdOwner ? { holdOwner } : {}),
      },
    });
    const changed = await this.certificates.changeStatus(tx, serial, current.status, {
      status: next,
      revokedAt: now,
      revocationReason: reason,
      holdOwner,
      updatedAt: now,
      ...(supersededBy ? { supersededBy } : {}),
    });
    if (!changed) throw new Conflict('CERTIFICATE_STATE_CHANGED', 'The certificate changed while it was being revoked; look at it again');
    await this.afterStatusChange(tx);
    return toCertificateView({
      ...current,
      status: next,
      revokedAt: now,
      revocationReason: reason,
      holdOwner,
      updatedAt: now,
      supersededBy: supersededBy ?? current.supersededBy,
    });
  }

  /**
   * Lifts a certificateHold: the certificate is valid again and drops out of the next CRL (removeFromCRL). `by`:
   * who lifts it — a hold a VPN account's suspension placed is refused (409 CERTIFICATE_HOLD_OWNED_BY_ACCOUNT)
   * unless the account's resumption lifts it.
   */
  async releaseHold(tx: Tx, serialInput: string, actor: Actor, by: HoldOwner = 'manual'): Promise<CertificateView> {
    const serial = parseSerial(serialInput);
    const current = await this.certificates.findBySerial(serial, tx);
    if (!current) throw NotFound.entity('CERTIFICATE_NOT_FOUND', 'certificate', serial);
    planHoldRelease(current.status, { owner: current.holdOwner ?? null, by, vpnAccountId: current.vpnAccountId });
    const now = this.clock.nowIso();
    await this.audit.record(tx, actor, {
      action: 'certificate.hold-released',
      entityType: 'certificate',
      entityId: serial,
      summary: { heldAt: current.revokedAt, subjectCn: current.subjectCn, holdOwner: current.holdOwner ?? null },
    });
    const changed = await this.certificates.changeStatus(tx, serial, 'on_hold', {
      status: 'valid',
      revokedAt: null,
      revocationReason: null,
      holdOwner: null,
      updatedAt: now,
    });
    if (!changed) throw new Conflict('CERTIFICATE_STATE_CHANGED', 'The certificate changed while the hold was being lifted; look at it again');
    await this.afterStatusChange(tx);
    return toCertificateView({ ...current, status: 'valid', revokedAt: null, revocationReason: null, holdOwner: null, updatedAt: now });
  }

  /**
   * Revokes every certificate of a laptop, an account or a person that still lets someone in (valid or on
   * hold). Idempotent: a second call finds nothing and changes nothing. Returns the serials revoked.
   */
  async revokeAllFor(tx: Tx, holder: CertificateHolder, reason: RevocationReason, actor: Actor): Promise<string[]> {
    assertReason(reason);
    const keys = Object.keys(holder);
    const value = (holder as Record<string, unknown>)[keys[0]];
    if (keys.length !== 1 || !['stationAssetId', 'vpnAccountId', 'employeeId'].includes(keys[0]) || typeof value !== 'string' || !value) {
      throw new ValidationFailed([{ field: 'holder', messages: ['exactly one of stationAssetId, vpnAccountId, employeeId'] }]);
    }
    const revoked: string[] = [];
    for (const cert of await this.certificates.findActiveFor(tx, holder)) {
      if (reason === 'certificateHold' && cert.status === 'on_hold') continue;
      await this.revoke(tx, cert.serial, reason, actor);
      revoked.push(cert.serial);
    }
    return revoked;
  }

  /** HTTP path: its own unit, then the CRL rebuilt before answering, so the next fetch already lists it. */
  async revokeNow(serial: string, reason: RevocationReason, actor: Actor): Promise<CertificateView> {
    try {
      const view = await this.uow.run((tx) => this.revoke(tx, serial, reason, actor));
      await this.crl.publishQuietly('a revocation');
      return view;
    } catch (err) {
      await this.recordRefusal(actor, 'certificate.revoke-refused', serial, err, { reason });
      throw err;
    }
  }

  async releaseHoldNow(serial: string, actor: Actor): Promise<CertificateView> {
    try {
      const view = await this.uow.run((tx) => this.releaseHold(tx, serial, actor));
      await this.crl.publishQuietly('a revocation');
      return view;
    } catch (err) {
      await this.recordRefusal(actor, 'certificate.release-hold-refused', serial, err, {});
      throw err;
    }
  }

  /** `pki.station-compromised`: a lost or stolen laptop; its certificates are revoked and the CRL rebuilt now. */
  async stationCompromised(assetId: string, reportedAt: string): Promise<'done' | 'skipped'> {
    const revoked = await this.revokeStation(assetId, 'keyCompromise', 'station-compromised');
    if (revoked.serials.length)
      this.logger.warn({ assetId, reportedAt, revoked: revoked.serials }, 'station compromised: certificates revoked (keyCompromise)');
    return revoked.outcome;
  }

  /**
   * `pki.station-returned`: a laptop came back from its holder (handover return). Its certificates are revoked for
   * good (cessationOfOperation: no compromise, the laptop simply no longer serves that person) and the CRL rebuilt
   * now; the laptop may go to someone else, and a new handover is followed by a new certificate.
   */
  async stationReturned(assetId: string, returnedAt: string): Promise<'done' | 'skipped'> {
    const revoked = await this.revokeStation(assetId, 'cessationOfOperation', 'station-returned');
    if (revoked.serials.length)
      this.logger.log({ assetId, returnedAt, revoked: revoked.serials }, 'station returned: certificates revoked (cessationOfOperation)');
    return revoked.outcome;
  }

  private async revokeStation(assetId: string, reason: RevocationReason, actorName: string): Promise<{ serials: string[]; outcome: 'done' | 'skipped' }> {
    const actor: Actor = { ...SYSTEM_ACTOR, name: actorName };
    const serials = await this.uow.run((tx) => this.revokeAllFor(tx, { stationAssetId: assetId }, reason, actor));
    // Also after a crash between the two steps: a retry revokes nothing but still finds the CRL stale.
    const { rebuilt } = await this.crl.refresh('revocation');
    return { serials, outcome: serials.length || rebuilt ? 'done' : 'skipped' };
  }

  private async afterStatusChange(tx: Tx): Promise<void> {
    await this.outbox.record(tx, 'pki.crl-rebuild', { trigger: 'revocation' });
    // Last: the CRL counters row is the lock every status change shares (see the class comment).
    await this.crl.markChanged(tx);
  }

  private async recordRefusal(actor: Actor, action: string, serial: string, err: unknown, summary: Record<string, unknown>): Promise<void> {
    if (!(err instanceof DomainError) || err.kind === 'not_found' || err.code === 'INVALID_SERIAL') return;
    await this.audit.recordAlone(actor, {
      action,
      entityType: 'certificate',
      entityId: normaliseSerial(serial) ?? serial.slice(0, 40),
      summary: { ...summary, code: err.code },
    });
  }
}
