import { Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AgreementSuspensionFollowers } from '../agreements';
import { JobRegistry } from '../jobs';
import { Schedules } from '../jobs';
import { MetricsService } from '../metrics';
import { NoticeSources } from '../notices';
import { OffboardingSteps } from '../offboarding';
import { VpnAgreementSuspensionFollower } from './vpn-agreement-suspension.follower';
import { VpnCertificateExpirySource } from './vpn-certificate-expiry.source';
import { VpnGatewaysService } from './vpn-gateways.service';
import { VpnGroupSync } from './vpn-group-sync.service';
import { VpnLoadReportService } from './vpn-load-report.service';
import { VpnOffboardingStep } from './vpn-offboarding.step';
import { VpnReconciler } from './vpn-reconciler.service';
import { VpnRenewalService } from './vpn-renewal.service';
import { VpnSettings } from './vpn-settings';
import './vpn-jobs';

/** Wires the VPN feature into the process: job handlers, schedules, the offboarding step, the agreement follower, gauges, gateway seeding. */
@Injectable()
export class VpnLifecycle implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobRegistry,
    private readonly schedules: Schedules,
    private readonly steps: OffboardingSteps,
    private readonly metrics: MetricsService,
    private readonly settings: VpnSettings,
    private readonly groups: VpnGroupSync,
    private readonly renewal: VpnRenewalService,
    private readonly reconciler: VpnReconciler,
    private readonly gateways: VpnGatewaysService,
    private readonly load: VpnLoadReportService,
    private readonly offboarding: VpnOffboardingStep,
    private readonly agreementFollowers: AgreementSuspensionFollowers,
    private readonly agreementFollower: VpnAgreementSuspensionFollower,
    private readonly noticeSources: NoticeSources,
    private readonly certificateExpiry: VpnCertificateExpirySource,
  ) {}

  onModuleInit(): void {
    // A directory that is down for a while must not lose a membership change: many attempts, doubling backoff.
    this.registry.register('vpn.group-add', (p) => this.groups.add(p.employeeId), { attempts: 12 });
    this.registry.register('vpn.group-add-many', (p) => this.groups.addMany(p.employeeIds), { attempts: 12 });
    this.registry.register('vpn.group-remove', (p) => this.groups.remove(p.employeeId), { attempts: 12 });
    this.registry.register('vpn.renewal', async () => {
      const r = await this.renewal.run();
      return r.renewed || r.superseded ? 'done' : 'skipped';
    });
    this.registry.register('vpn.reconcile-certificates', async () => ((await this.reconciler.run()) > 0 ? 'done' : 'skipped'));
    this.schedules.register({ id: 'vpn-renewal', cron: this.settings.renewal.cron, job: 'vpn.renewal', payload: { trigger: 'schedule' } });
    this.schedules.register({
      id: 'vpn-reconcile-certificates',
      everyMs: this.settings.reconcileEveryMs,
      job: 'vpn.reconcile-certificates',
      payload: { trigger: 'schedule' },
    });
    this.steps.register(this.offboarding);
    this.agreementFollowers.register(this.agreementFollower);
    this.noticeSources.register(this.certificateExpiry);

    this.metrics.gauge(
      'rw_vpn_gateway_expected_sessions',
      'Expected concurrent VPN sessions per gateway (Σ remote days / 5 over issued, installed and active accounts)',
      async (g) => {
        const report = await this.load.report().catch(() => null);
        for (const line of report?.gateways ?? []) g.set({ gateway: line.name }, line.expectedPeakSessions);
      },
      ['gateway'],
    );
    this.metrics.gauge(
      'rw_vpn_gateway_capacity_sessions',
      'Concurrent sessions each VPN gateway is sized for',
      async (g) => {
        const report = await this.load.report().catch(() => null);
        for (const line of report?.gateways ?? []) g.set({ gateway: line.name }, line.capacity);
      },
      ['gateway'],
    );
  }

  /** Gateways of config/vpn.json exist before the first approval (created when absent, never overwritten). */
  async onApplicationBootstrap(): Promise<void> {
    await this.gateways.seed();
  }
}
