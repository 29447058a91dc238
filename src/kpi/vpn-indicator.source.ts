import { Injectable } from '@nestjs/common';
import { VpnLoadReportService } from '../vpn';
import { Measurements } from './domain/pola-report';

export type VpnMeasurements = Pick<Measurements, 'vpnAccounts' | 'gateways'>;

/**
 * Where the VPN indicators come from: accounts by state and expected gateway load. A port, so the indicator maths
 * does not depend on how the VPN feature stores them; nulls mean "no VPN data" and the indicators read empty.
 */
export abstract class VpnIndicatorSource {
  abstract measure(): Promise<VpnMeasurements>;
}

/**
 * Gateways from the VPN feature's own load report (one aggregate query; no individual in it), so the dashboard and
 * GET /api/v1/vpn/gateways/load agree; accounts by state from the same port, counted over every account — the
 * report's totals leave out requested accounts, which have no gateway yet.
 */
@Injectable()
export class VpnLoadIndicators extends VpnIndicatorSource {
  constructor(private readonly report: VpnLoadReportService) {
    super();
  }

  async measure(): Promise<VpnMeasurements> {
    const r = await this.report.report();
    return {
      vpnAccounts: await this.report.accountsByState(),
      gateways: r.gateways.map((g) => ({
        name: g.name,
        capacity: g.capacity,
        enabled: g.enabled,
        expectedSessions: g.expectedPeakSessions,
        peakSessions95: g.peakSessions95,
      })),
    };
  }
}
