import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ACCOUNT_STATES, AccountState, PEAK_LOAD_STATES } from './domain/account-lifecycle';
import { expectedLoad, LoadBucket, utilisation } from './domain/placement';
import { AccountsByStateDto, GatewayLoadDto, GatewayLoadReportDto } from './dto/vpn-gateway.dto';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnSettings } from './vpn-settings';

const emptyStates = (): AccountsByStateDto => Object.fromEntries(ACCOUNT_STATES.map((s) => [s, 0])) as unknown as AccountsByStateDto;

/**
 * Expected peak load per gateway against capacity (SPEC §2): accounts by state, Σ remote days / 5 over accounts
 * that hold a usable certificate (issued, installed, active), a 95th percentile, utilisation and a warning. One
 * aggregate query (accounts grouped by gateway, state and remote days); the maths is in domain/placement.ts.
 * Aggregates only: no individual appears in it.
 */
@Injectable()
export class VpnLoadReportService {
  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly gateways: VpnGatewayRepository,
    private readonly settings: VpnSettings,
    private readonly clock: Clock,
  ) {}

  /** Every account by state, requested ones (no gateway yet) included: what the indicators count. */
  accountsByState(): Promise<{ state: AccountState; count: number }[]> {
    return this.accounts.countByState();
  }

  async report(): Promise<GatewayLoadReportDto> {
    const [gateways, rows] = await Promise.all([this.gateways.list(), this.accounts.loadRows()]);
    const threshold = this.settings.warningThresholdPercent;
    const allPeak: LoadBucket[] = [];
    const totalStates = emptyStates();
    const lines: GatewayLoadDto[] = gateways.map((g) => {
      const mine = rows.filter((r) => r.gatewayId === g.id);
      const states = emptyStates();
      for (const r of mine) {
        states[r.state] += r.accounts;
        totalStates[r.state] += r.accounts;
      }
      const peak = mine.filter((r) => PEAK_LOAD_STATES.includes(r.state)).map((r) => ({ remoteDaysPerWeek: r.remoteDaysPerWeek, accounts: r.accounts }));
      allPeak.push(...peak);
      const load = expectedLoad(peak);
      const capacity = Number(g.capacity);
      const u = utilisation(load, capacity, threshold);
      return {
        gatewayId: g.id,
        name: g.name,
        host: g.host,
        profile: g.profile,
        enabled: Boolean(g.enabled),
        capacity,
        accounts: states,
        expectedPeakSessions: load.expectedSessions,
        peakSessions95: load.peakSessions95,
        utilisationPercent: u.utilisationPercent,
        warning: u.warning,
      };
    });
    const capacity = lines.reduce((s, l) => s + l.capacity, 0);
    const total = expectedLoad(allPeak);
    return {
      generatedAt: this.clock.nowIso(),
      warningThresholdPercent: threshold,
      gateways: lines,
      totals: {
        gateways: lines.length,
        capacity,
        accounts: totalStates,
        expectedPeakSessions: total.expectedSessions,
        peakSessions95: total.peakSessions95,
        utilisationPercent: utilisation(total, capacity, threshold).utilisationPercent,
        gatewaysWithWarning: lines.filter((l) => l.warning).length,
      },
    };
  }
}
