import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobRegistry } from '../jobs';
import { Schedules } from '../jobs';
import { MetricsService } from '../metrics';
import { CaStore } from './ca-store';
import { CrlService } from './crl.service';
import { PkiSettings } from './pki-settings';
import { PkiStatusService } from './pki-status.service';
import { RevocationService } from './revocation.service';
import './pki-jobs';

/** Wires the PKI into the process: job handlers, the CRL schedule, gauges, and the CA + CRL at start. */
@Injectable()
export class PkiLifecycle implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Pki');

  constructor(
    private readonly registry: JobRegistry,
    private readonly schedules: Schedules,
    private readonly metrics: MetricsService,
    private readonly ca: CaStore,
    private readonly crl: CrlService,
    private readonly revocations: RevocationService,
    private readonly status: PkiStatusService,
    private readonly settings: PkiSettings,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('pki.station-compromised', (payload) => this.revocations.stationCompromised(payload.assetId, payload.reportedAt));
    this.registry.register('pki.station-returned', (payload) => this.revocations.stationReturned(payload.assetId, payload.returnedAt));
    this.registry.register('pki.crl-rebuild', async (payload) => ((await this.crl.refresh(payload.trigger)).rebuilt ? 'done' : 'skipped'));
    // Well before nextUpdate (default: every 6 hours against a 7-day nextUpdate): an expired CRL locks every user out.
    this.schedules.register({ id: 'pki-crl-refresh', cron: this.settings.crlRefreshCron, job: 'pki.crl-rebuild', payload: { trigger: 'schedule' } });

    this.metrics.gauge('rw_pki_crl_age_seconds', 'Seconds since the published CRL was issued (thisUpdate)', async (g) => {
      const health = await this.status.crlHealth().catch(() => null);
      if (health) g.set(health.ageSeconds);
    });
    this.metrics.gauge(
      'rw_pki_crl_seconds_to_next_update',
      'Seconds until the published CRL reaches nextUpdate (gateways refuse everyone after it)',
      async (g) => {
        const health = await this.status.crlHealth().catch(() => null);
        if (health) g.set(health.secondsToNextUpdate);
      },
    );
    this.metrics.gauge('rw_pki_certificates_expiring_30d', 'Valid certificates that expire within 30 days', async (g) => {
      const n = await this.status.expiringIn30Days().catch(() => null);
      if (n !== null) g.set(n);
    });
  }

  /**
   * The CA is loaded (or created, on a first start) before the service answers, so a wrong passphrase stops
   * start-up and issuance never has to create a CA inside someone's unit of work. Processes that run
   * workers also make sure a fresh CRL is published.
   */
  async onApplicationBootstrap(): Promise<void> {
    const ca = await this.ca.get();
    if (!this.config.env.RUN_WORKERS) return;
    const { rebuilt, crl } = await this.crl.refresh('start');
    this.logger.log({ ca: ca.subject, crlNumber: crl.crlNumber, rebuilt }, 'PKI ready');
  }
}
