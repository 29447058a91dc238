import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { CaStore, CaSummary } from './ca-store';
import { CertificateRepository } from './certificate.repository';
import { CrlService } from './crl.service';
import { CrlRepository } from './crl.repository';
import { CrlHealth, crlHealth } from './domain/crl-freshness';
import { PkiSettings } from './pki-settings';

export interface PkiStatus {
  ca: CaSummary;
  crl: CrlHealth & { crlNumber: number; thisUpdate: string; nextUpdate: string; entries: number; alertMarginSeconds: number };
  certificates: { valid: number; revoked: number; onHold: number; expiringWithin30Days: number };
}

const DAY_MS = 86_400_000;

/** CRL health and certificate counts for the RTD, the hot-line and Prometheus. */
@Injectable()
export class PkiStatusService {
  constructor(
    private readonly ca: CaStore,
    private readonly crl: CrlService,
    private readonly crls: CrlRepository,
    private readonly certificates: CertificateRepository,
    private readonly settings: PkiSettings,
    private readonly clock: Clock,
  ) {}

  async status(): Promise<PkiStatus> {
    const now = this.clock.now();
    const [ca, crl, counts, expiring] = await Promise.all([this.ca.summary(), this.crl.current(), this.certificates.countByStatus(), this.expiringIn30Days()]);
    return {
      ca,
      crl: {
        crlNumber: crl.crlNumber,
        thisUpdate: crl.thisUpdate,
        nextUpdate: crl.nextUpdate,
        entries: crl.entries,
        ...crlHealth(crl.thisUpdate, crl.nextUpdate, now, this.settings.alertMarginMs),
        alertMarginSeconds: Math.round(this.settings.alertMarginMs / 1000),
      },
      certificates: { valid: counts.valid, revoked: counts.revoked, onHold: counts.on_hold, expiringWithin30Days: expiring },
    };
  }

  /** For gauges: the published CRL's health without loading it (null before the first CRL). */
  async crlHealth(): Promise<CrlHealth | null> {
    const state = await this.crls.state();
    if (!state?.thisUpdate || !state.nextUpdate) return null;
    return crlHealth(state.thisUpdate, state.nextUpdate, this.clock.now(), this.settings.alertMarginMs);
  }

  expiringIn30Days(): Promise<number> {
    const now = this.clock.now();
    return this.certificates.countExpiring(now.toISOString(), new Date(now.getTime() + 30 * DAY_MS).toISOString());
  }
}
