import { Injectable, Logger } from '@nestjs/common';
import * as path from 'node:path';
import { Clock } from '../common/clock';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { Notices } from '../notices';
import { CaStore, writeIfChanged } from './ca-store';
import { CertificateRepository } from './certificate.repository';
import { CrlRepository } from './crl.repository';
import { RebuildPolicy, RebuildReason, rebuildReason } from './domain/crl-freshness';
import { REASON_CODES, reasonCode } from './domain/revocation';
import { PkiSettings } from './pki-settings';
import { buildCrl } from './x509/crl-builder';
import { toPem } from './x509/pem';

/** Why a rebuild is being considered; each has its own idea of "stale enough". */
export type CrlTrigger = 'revocation' | 'schedule' | 'start' | 'read' | 'force';

export interface CrlSnapshot {
  crlNumber: number;
  thisUpdate: string;
  nextUpdate: string;
  entries: number;
  der: Buffer;
  pem: string;
}

export interface RefreshResult {
  rebuilt: RebuildReason | 'forced' | null;
  crl: CrlSnapshot;
  buildMs?: number;
}

const HOUR_MS = 3_600_000;

/**
 * Builds, publishes and serves the CRL. A build happens in one unit of work under the row lock of the CRL
 * counters: the CRL Number is allocated there (so it only ever grows, whatever the number of instances), the
 * revoked list is read there, and the new CRL is stored there. Files under DATA_DIR/pki mirror the latest.
 */
@Injectable()
export class CrlService {
  private readonly logger = new Logger('Pki');
  private cache: CrlSnapshot | null = null;

  constructor(
    private readonly ca: CaStore,
    private readonly certificates: CertificateRepository,
    private readonly crls: CrlRepository,
    private readonly uow: UnitOfWork,
    private readonly settings: PkiSettings,
    private readonly clock: Clock,
    private readonly notices: Notices,
  ) {}

  private policy(trigger: CrlTrigger, caFingerprint: string): RebuildPolicy {
    const now = this.clock.now();
    switch (trigger) {
      case 'schedule':
        // Several instances may fire the same tick: the first refreshes, the rest find a CRL under an hour old.
        return { caFingerprint, now, maxAgeMs: HOUR_MS, minRemainingMs: this.settings.alertMarginMs };
      case 'start':
        return { caFingerprint, now, maxAgeMs: 6 * HOUR_MS, minRemainingMs: this.settings.alertMarginMs };
      default:
        return { caFingerprint, now, maxAgeMs: Number.POSITIVE_INFINITY, minRemainingMs: 0 };
    }
  }

  /** Inside a unit that changed a certificate status: the published CRL no longer reflects the table. */
  async markChanged(tx: Tx): Promise<void> {
    await this.crls.bumpRevision(tx);
  }

  /** Rebuilds when the trigger's policy says so; returns the CRL that is published afterwards. A failure tells the admins. */
  async refresh(trigger: CrlTrigger): Promise<RefreshResult> {
    try {
      return await this.rebuild(trigger);
    } catch (err) {
      await this.noticeFailure().catch((e: unknown) => this.logger.error({ err: e }, 'could not record the CRL failure notice'));
      throw err;
    }
  }

  /**
   * The failed build rolled back: the notice is a unit of its own. One a day at most while it keeps failing (the
   * stable key is the day), with the last CRL that was published and when gateways will stop trusting it.
   */
  private async noticeFailure(): Promise<void> {
    if (!this.notices.enabled) return;
    const now = this.clock.nowIso();
    const last = await this.crls.loadPublished().catch(() => null);
    await this.uow.run((tx) =>
      this.notices.record(tx, {
        kind: 'crl-failing',
        key: now.slice(0, 10),
        facts: { lastAttemptAt: now, lastPublishedAt: last?.thisUpdate ?? null, nextUpdate: last?.nextUpdate ?? null },
      }),
    );
  }

  private async rebuild(trigger: CrlTrigger): Promise<RefreshResult> {
    // Outside the unit: loading the CA may itself run a unit of work (first start), and units never nest.
    const ca = await this.ca.get();
    const started = Date.now();
    const built = await this.uow.run(async (tx) => {
      const state = await this.crls.lockState(tx);
      const reason: RebuildReason | 'forced' | null = trigger === 'force' ? 'forced' : rebuildReason(state, this.policy(trigger, ca.fingerprintSha256));
      if (!reason) return null;
      const now = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
      const rows = await this.certificates.crlRows(tx, now.toISOString());
      const entries = rows.map((r) => ({
        serialHex: r.serial,
        revokedAt: r.revokedAt,
        reasonCode: r.status === 'on_hold' ? REASON_CODES.certificateHold : reasonCode(r.reason ?? 'unspecified'),
      }));
      const crlNumber = state.crlNumber + 1;
      const thisUpdate = now;
      const nextUpdate = new Date(now.getTime() + this.settings.crlNextUpdateMs);
      const crl = buildCrl({ issuer: ca.issuer, crlNumber: BigInt(crlNumber), thisUpdate, nextUpdate, entries });
      const snapshot: CrlSnapshot = {
        crlNumber,
        thisUpdate: thisUpdate.toISOString(),
        nextUpdate: nextUpdate.toISOString(),
        entries: entries.length,
        der: crl.der,
        pem: crl.pem,
      };
      await this.crls.publish(tx, state.crlNumber, {
        ...snapshot,
        builtRevision: state.revision,
        caFingerprint: ca.fingerprintSha256,
        builtAt: this.clock.nowIso(),
      });
      return { reason, snapshot };
    });
    if (built) {
      this.remember(built.snapshot);
      const buildMs = Date.now() - started;
      this.logger.log({ crlNumber: built.snapshot.crlNumber, entries: built.snapshot.entries, reason: built.reason, ms: buildMs }, 'CRL published');
      return { rebuilt: built.reason, crl: built.snapshot, buildMs };
    }
    return { rebuilt: null, crl: await this.current() };
  }

  /**
   * After a committed status change (`after` says which, for the log): publish now, never failing the caller. The
   * change is committed and a `pki.crl-rebuild` job was queued with it, so a failure here is retried there.
   */
  async publishQuietly(after: string): Promise<void> {
    try {
      await this.refresh('revocation');
    } catch (err) {
      this.logger.error({ err }, `CRL rebuild after ${after} failed; the queued job will retry`);
    }
  }

  /**
   * The CRL to serve: the latest one in the database (one cheap query to check its number against the
   * cached copy), built on the spot when there is none yet or when it has passed nextUpdate.
   */
  async current(): Promise<CrlSnapshot> {
    const number = await this.crls.currentNumber();
    if (this.cache && number === this.cache.crlNumber && Date.parse(this.cache.nextUpdate) > this.clock.now().getTime()) return this.cache;
    const published = number === null ? null : await this.crls.loadPublished();
    if (!published || Date.parse(published.nextUpdate) <= this.clock.now().getTime()) return (await this.refresh('read')).crl;
    return this.remember({ ...published, pem: toPem('X509 CRL', published.der) });
  }

  private remember(snapshot: CrlSnapshot): CrlSnapshot {
    if (this.cache && this.cache.crlNumber > snapshot.crlNumber) return this.cache;
    this.cache = snapshot;
    try {
      // a mirror, rewritten on every build: atomic (rename) but not fsynced, the database is the record
      writeIfChanged(path.join(this.settings.pkiDir, 'crl.der'), snapshot.der, 0o600, { durable: false });
      writeIfChanged(path.join(this.settings.pkiDir, 'crl.pem'), snapshot.pem, 0o600, { durable: false });
    } catch (err) {
      // The database is the source of truth; a full disk must not stop revocations being served over HTTP.
      this.logger.error({ err }, 'could not mirror the CRL to the data folder');
    }
    return snapshot;
  }
}
