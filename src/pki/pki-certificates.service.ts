import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Tx } from '../database/unit-of-work';
import { CaStore } from './ca-store';
import { CertificateIssuer, IssuedCertificate, PreparedCertificate as Signed, StationIssueInput } from './certificate-issuer.service';
import { CertificateQueries, StationKeyPackage } from './certificate-queries.service';
import { CertificateHolder, CertificateRepository } from './certificate.repository';
import { CertificateView } from './certificate.mapper';
import { Certificates, CertificateStatusView, CrlStatus, PreparedCertificate, StationBinding } from './certificates.port';
import { CrlRepository } from './crl.repository';
import { CrlService } from './crl.service';
import { crlHealth } from './domain/crl-freshness';
import { HoldOwner, RevocationReason } from './domain/revocation';
import { PkiSettings } from './pki-settings';
import { RevocationService } from './revocation.service';

/** A prepared certificate as other features hold it: its facts readable, the row and the secrets inside. */
class PreparedStation implements PreparedCertificate {
  constructor(readonly signed: Signed) {}
  get serial(): string {
    return this.signed.row.serial;
  }
  get notAfter(): string {
    return this.signed.row.notAfter;
  }
  get keyOrigin() {
    return this.signed.row.keyOrigin;
  }
  get certificatePem(): string {
    return this.signed.row.pem;
  }
  get caChainPem(): string {
    return this.signed.caChainPem;
  }
}

function signed(prepared: PreparedCertificate): Signed {
  if (!(prepared instanceof PreparedStation)) throw new Error('a prepared certificate comes from Certificates.prepareStation');
  return prepared.signed;
}

/** SQLite binds at most 999 parameters: status lookups go in chunks. */
const STATUS_CHUNK = 500;

/** The certificates port over the PKI's services (see Certificates). */
@Injectable()
export class PkiCertificates extends Certificates {
  constructor(
    private readonly issuer: CertificateIssuer,
    private readonly queries: CertificateQueries,
    private readonly revocations: RevocationService,
    private readonly certificates: CertificateRepository,
    private readonly ca: CaStore,
    private readonly crl: CrlService,
    private readonly crls: CrlRepository,
    private readonly settings: PkiSettings,
    private readonly clock: Clock,
  ) {
    super();
  }

  async prepareStation(input: StationIssueInput): Promise<PreparedCertificate> {
    return new PreparedStation(await this.issuer.prepareStationCertificate(input));
  }

  record(tx: Tx, prepared: PreparedCertificate, actor: Actor): Promise<IssuedCertificate> {
    return this.issuer.recordIssued(tx, signed(prepared), actor);
  }

  recordMany(tx: Tx, prepared: PreparedCertificate[], actor: Actor): Promise<IssuedCertificate[]> {
    return this.issuer.recordIssuedMany(tx, prepared.map(signed), actor);
  }

  get(serial: string): Promise<CertificateView> {
    return this.queries.get(serial);
  }

  async status(serial: string, tx?: Tx): Promise<CertificateStatusView | null> {
    return (await this.statuses([serial], tx)).get(serial) ?? null;
  }

  async statuses(serials: readonly string[], tx?: Tx): Promise<Map<string, CertificateStatusView>> {
    const wanted = [...new Set(serials)];
    const out = new Map<string, CertificateStatusView>();
    for (let i = 0; i < wanted.length; i += STATUS_CHUNK) {
      for (const row of await this.certificates.statusesOf(wanted.slice(i, i + STATUS_CHUNK), tx)) {
        out.set(row.serial, { serial: row.serial, status: row.status, revocationReason: row.revocationReason, holdOwner: row.holdOwner ?? null });
      }
    }
    return out;
  }

  async stationBindings(serials: readonly string[], tx?: Tx): Promise<Map<string, StationBinding>> {
    const wanted = [...new Set(serials)];
    const out = new Map<string, StationBinding>();
    for (let i = 0; i < wanted.length; i += STATUS_CHUNK) {
      for (const row of await this.certificates.bindingsOf(wanted.slice(i, i + STATUS_CHUNK), tx)) {
        out.set(row.serial, {
          serial: row.serial,
          kind: row.kind,
          status: row.status,
          notBefore: row.notBefore,
          notAfter: row.notAfter,
          stationAssetId: row.stationAssetId,
          employeeId: row.employeeId,
          vpnAccountId: row.vpnAccountId,
        });
      }
    }
    return out;
  }

  revoke(
    tx: Tx,
    serial: string,
    reason: Exclude<RevocationReason, 'certificateHold'>,
    actor: Actor,
    options: { supersededBy?: string } = {},
  ): Promise<CertificateView> {
    return this.revocations.revoke(tx, serial, reason, actor, options.supersededBy ? { supersededBy: options.supersededBy } : {});
  }

  hold(tx: Tx, serial: string, actor: Actor, owner: HoldOwner): Promise<CertificateView> {
    return this.revocations.revoke(tx, serial, 'certificateHold', actor, { holdOwner: owner });
  }

  releaseHold(tx: Tx, serial: string, actor: Actor, by: HoldOwner): Promise<CertificateView> {
    return this.revocations.releaseHold(tx, serial, actor, by);
  }

  revokeAllFor(tx: Tx, holder: CertificateHolder, reason: RevocationReason, actor: Actor): Promise<string[]> {
    return this.revocations.revokeAllFor(tx, holder, reason, actor);
  }

  async caChainPem(): Promise<string> {
    return (await this.ca.get()).bundlePem;
  }

  keyPackage(serial: string): Promise<StationKeyPackage | null> {
    return this.queries.keyPackage(serial);
  }

  publish(after: string): Promise<void> {
    return this.crl.publishQuietly(after);
  }

  async crlPem(): Promise<{ pem: string; crlNumber: number }> {
    const crl = await this.crl.current();
    return { pem: crl.pem, crlNumber: crl.crlNumber };
  }

  async crlStatus(at?: Date): Promise<CrlStatus | null> {
    const state = await this.crls.state();
    if (!state?.thisUpdate || !state.nextUpdate) return null;
    return {
      crlNumber: state.crlNumber,
      thisUpdate: state.thisUpdate,
      nextUpdate: state.nextUpdate,
      ...crlHealth(state.thisUpdate, state.nextUpdate, at ?? this.clock.now(), this.settings.alertMarginMs),
    };
  }
}
