import { Injectable } from '@nestjs/common';
import { calendarDate, Clock } from '../common/clock';
import { RuleViolation } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { KpiTargets } from '../config/kpi-targets';
import { Certificates } from '../pki';
import { centsToEuros } from '../common/money';
import { indicatorStatus, percent } from './domain/indicator-status';
import { buildPolaReport, IndicatorResult, Measurements } from './domain/pola-report';
import { currentYear, referencePoint, ReferencePoint } from './domain/reference-date';
import { SeriesDto, SeriesPointDto } from './dto/kpi.dto';
import { HistoryAggregates, HistoryCache } from './history-cache';
import { KpiRepository } from './kpi.repository';
import { VpnIndicatorSource } from './vpn-indicator.source';

const DAY_MS = 86_400_000;

export interface PolaReport {
  year: number;
  referenceDate: string;
  cutoff: string;
  current: boolean;
  generatedAt: string;
  indicators: IndicatorResult[];
}
export const MAX_SERIES_YEARS = 20;
const LAPTOPS = 'laptops_for_remote_work';
const EQUIPPED = 'remote_workers_equipped_with_devices_and_data_pct';
const INVESTMENT = 'hardware_and_digital_infrastructure_investment_eur';

/**
 * The POLA indicators of a year (JSON and CSV) and the yearly series the dashboard charts.
 *
 * The aggregates over handovers, agreements and lots come from HistoryCache: remembered per reference date with the
 * audit chain's head and kept up to date as changes happen (only the employees a change concerns are read again), so a
 * repeated question (the dashboard, a CSV after the page) costs one primary-key read and the first one after a change
 * a few index look-ups. Time-dependent parts (certificates expiring, CRL age, VPN) are always read afresh.
 * `clearMemo()` for benchmarks and tests: the next question reads everything.
 */
@Injectable()
export class KpiService {
  private readonly cache: HistoryCache;

  constructor(
    private readonly repository: KpiRepository,
    private readonly vpn: VpnIndicatorSource,
    private readonly targets: KpiTargets,
    private readonly pki: Certificates,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    this.cache = new HistoryCache(repository);
  }

  private get timeZone(): string {
    return this.config.env.TIMEZONE;
  }

  async pola(year?: number): Promise<PolaReport> {
    const now = this.clock.now();
    const ref = referencePoint(year ?? currentYear(now, this.timeZone), now, this.timeZone);
    const measurements = await this.measure(ref, now);
    const indicators = buildPolaReport(ref, measurements, this.targets, now, calendarDate(now, this.timeZone));
    return { year: ref.year, referenceDate: ref.date, cutoff: ref.cutoff, current: ref.current, generatedAt: now.toISOString(), indicators };
  }

  async series(from?: number, to?: number): Promise<SeriesDto> {
    const now = this.clock.now();
    const thisYear = currentYear(now, this.timeZone);
    const configured = this.targets.all().map((r) => r.year);
    const first = from ?? (configured.length ? Math.min(...configured) : thisYear);
    const last = Math.min(to ?? thisYear, thisYear);
    if (first > last) {
      throw new RuleViolation('KPI_RANGE_INVALID', `The series must run from a year to a later one, up to ${thisYear}`, {
        from: first,
        to: last,
        currentYear: thisYear,
      });
    }
    if (last - first + 1 > MAX_SERIES_YEARS) {
      throw new RuleViolation('KPI_RANGE_TOO_LONG', `A series covers at most ${MAX_SERIES_YEARS} years`, { from: first, to: last });
    }
    const points: SeriesPointDto[] = [];
    for (let year = first; year <= last; year++) {
      const ref = referencePoint(year, now, this.timeZone);
      const { held, investment } = await this.history(ref);
      const laptops = held.laptops;
      const laptopsTarget = this.targets.target(LAPTOPS, year);
      points.push({
        year,
        referenceDate: ref.date,
        current: ref.current,
        laptops,
        laptopsTarget,
        laptopsStatus: indicatorStatus({
          value: laptops,
          target: laptopsTarget,
          baseline: this.targets.baseline(LAPTOPS, year),
          direction: 'increase',
          accrual: 'level',
          year,
          referenceDate: ref.date,
        }).status,
        workersInForce: held.workers,
        equippedPct: percent(held.equipped, held.workers),
        equippedPctTarget: this.targets.target(EQUIPPED, year),
        investmentEur: centsToEuros(investment.cents),
        investmentEurTarget: this.targets.target(INVESTMENT, year),
      });
    }
    const baseline = this.targets.baseline(LAPTOPS);
    return { from: first, to: last, laptopsBaseline: baseline?.value ?? null, laptopsBaselineYear: baseline?.year ?? null, points };
  }

  clearMemo(): void {
    this.cache.clear();
  }

  /** Handovers, agreements, lots: remembered, and kept up to date as changes happen. */
  private history(ref: ReferencePoint): Promise<HistoryAggregates> {
    return this.cache.get(ref);
  }

  /** The aggregates of one reference point. */
  private async measure(ref: ReferencePoint, now: Date): Promise<Measurements> {
    const r = this.repository;
    const { held, investment, distributed, agreements } = await this.history(ref);
    // For the current year the reference moment is now, as for the PKI status; for a past year, the cutoff.
    const at = ref.cutoff;
    const certificates = await r.certificates(at, new Date(Date.parse(at) + 30 * DAY_MS).toISOString());
    const crl = await this.pki.crlStatus(now);
    const { vpnAccounts, gateways } = await this.vpn.measure();
    return {
      laptops: held.laptops,
      workersInForce: held.workers,
      workersEquipped: held.equipped,
      investmentCents: investment.cents,
      lotsDelivered: investment.lots,
      distributed,
      services: agreements.services,
      eligibleTotal: agreements.eligibleTotal,
      vpnAccounts,
      gateways,
      certificates,
      crl,
      leavers: held.leavers,
    };
  }
}
