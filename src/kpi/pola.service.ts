import { Injectable } from '@nestjs/common';
import { InvestmentTotals } from '../inventory';
import { TrainingIndicators } from '../training';
import { AttendanceTotalsService } from './attendance-totals.service';
import { DeclaredValuesService } from './declared-values.service';
import { buildPola, lastTwelveMonths, PolaRaw } from './domain/pola-build';
import { IndicatorResult } from './domain/pola-report';
import { POLA_INDICATOR_IDS, PolaGroupReport, PolaIndicator } from './domain/pola-types';
import { ReferencePoint } from './domain/reference-date';
import { KpiService } from './kpi.service';
import { PolaRepository } from './pola.repository';
import { PolaTargets } from './pola-targets';
import { VpnIndicatorSource } from './vpn-indicator.source';

/** The POLA Part 4 report of a year (GET /api/v1/kpi/pola, and the PDF/XLSX/CSV documents). */
export interface PolaReport {
  year: number;
  referenceDate: string;
  cutoff: string;
  current: boolean;
  generatedAt: string;
  groups: PolaGroupReport[];
  /** The 22 indicators of Part 4, in the document's order. */
  indicators: PolaIndicator[];
  /** The service's own operational indicators that are not in Part 4 (equipment handed out, VPN, PKI, leavers…). */
  operational: IndicatorResult[];
}

const PART4 = new Set<string>(POLA_INDICATOR_IDS);

/**
 * Builds the Part 4 report from what each owner knows: the operational indicators (KpiService: laptops, equipped
 * workers, agreements in force against potential remote workers), the training port (participants and costs), the
 * inventory's investment port (device lots and purchases by POLA category), the VPN gateways' own state, the RTD's
 * declared values and the HR monthly totals. Targets are config/pola-targets.tsv (PolaTargets), typed.
 */
@Injectable()
export class PolaService {
  constructor(
    private readonly kpi: KpiService,
    private readonly repository: PolaRepository,
    private readonly targets: PolaTargets,
    private readonly training: TrainingIndicators,
    private readonly investments: InvestmentTotals,
    private readonly vpn: VpnIndicatorSource,
    private readonly declaredValues: DeclaredValuesService,
    private readonly attendance: AttendanceTotalsService,
  ) {}

  async report(year?: number): Promise<PolaReport> {
    const base = await this.kpi.pola(year);
    const ref: ReferencePoint = { year: base.year, date: base.referenceDate, cutoff: base.cutoff, yearStart: `${base.year}-01-01`, current: base.current };
    const raw = await this.raw(ref, base.indicators);
    const declared = await this.declaredValues.forYear(ref.year);
    const { groups, indicators } = buildPola({
      year: ref.year,
      referenceDate: ref.date,
      targets: (id) => {
        const t = this.targets.of(id);
        return { baselineYear: t.baselineYear, baseline: t.baseline, target: t.target(ref.year) };
      },
      raw,
      declared,
    });
    return {
      year: base.year,
      referenceDate: base.referenceDate,
      cutoff: base.cutoff,
      current: base.current,
      generatedAt: base.generatedAt,
      groups,
      indicators,
      operational: base.indicators.filter((i) => !PART4.has(i.id)),
    };
  }

  /** Queries run one after the other: on SQLite they share one connection anyway. */
  private async raw(ref: ReferencePoint, operational: IndicatorResult[]): Promise<PolaRaw> {
    const pick = (id: string) => operational.find((i) => i.id === id);
    const laptops = pick('laptops_for_remote_work');
    const equipped = pick('remote_workers_equipped_with_devices_and_data_pct');
    const effective = pick('agreements_in_force_vs_eligible_pct');
    const workers = new Set(await this.repository.remoteWorkerIds(ref));
    const managers = new Set(await this.repository.managerIds(ref));
    const { from, to } = lastTwelveMonths(ref.date);
    const among = (ids: string[], set: Set<string>) => ids.filter((id) => set.has(id)).length;
    const leadership = await this.training.participants(['remote_management'], from, to);
    const remoteWork = await this.training.participants(['remote_work'], from, to);
    const digital = await this.training.participants(['digital'], from, to);
    const trainingCostCents = await this.training.costCents(['remote_work', 'remote_management'], ref.yearStart, ref.date);
    const investment = await this.investments.byPolaCategory(ref.yearStart, ref.date);
    const { gateways } = await this.vpn.measure();
    const attendance = await this.attendance.forYear(ref.year);
    return {
      laptops: laptops?.value ?? 0,
      equipped: { numerator: equipped?.numerator ?? null, denominator: equipped?.denominator ?? null },
      effective: { numerator: effective?.numerator ?? null, denominator: effective?.denominator ?? null },
      managers: { trained: among(leadership, managers), total: managers.size },
      remoteWorkers: { trainedRemoteWork: among(remoteWork, workers), trainedDigital: among(digital, workers), total: workers.size },
      trainingCostCents,
      investment: { hardwareCents: investment.hardwareInfrastructureCents, digitalisationCents: investment.digitalisationCents },
      vpn: gateways ? { enabled: gateways.filter((g) => g.enabled).length, total: gateways.length } : null,
      attendance,
    };
  }
}
