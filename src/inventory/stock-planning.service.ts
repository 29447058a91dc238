import { Injectable } from '@nestjs/common';
import { addDays, Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors/domain-error';
import { DeviceKind } from './domain/device-kind';
import { PlanningDto, StockDto, StockTotalDto, WarrantiesEndingDto } from './dto/stock.dto';
import { municipalToday } from '../common/clock';
import { KpiTargets, LAPTOPS_INDICATOR } from '../config/kpi-targets';
import { InventoryStatsRepository } from './inventory-stats.repository';
import { PurchaseLotRepository } from './purchase-lot.repository';

export const WARRANTY_HORIZON_DAYS = 90;

/** Stock on hand and what to buy next (seed 2.5a: buy in lots, keeping the shelf in mind). */
@Injectable()
export class StockPlanningService {
  constructor(
    private readonly stats: InventoryStatsRepository,
    private readonly lots: PurchaseLotRepository,
    private readonly targets: KpiTargets,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async stock(kind?: DeviceKind): Promise<StockDto> {
    const byModel = await this.stats.stock(kind);
    // a handful of model groups, already aggregated in SQL: folding them by kind is not a loop over assets
    const totals = new Map<DeviceKind, StockTotalDto>();
    for (const r of byModel) {
      const t = totals.get(r.kind) ?? { kind: r.kind, inStock: 0, assigned: 0, inRepair: 0 };
      t.inStock += r.inStock;
      t.assigned += r.assigned;
      t.inRepair += r.inRepair;
      totals.set(r.kind, t);
    }
    return { byModel, byKind: [...totals.values()] };
  }

  async planning(year?: number): Promise<PlanningDto> {
    const day = municipalToday(this.clock, this.config);
    const y = year ?? Number(day.slice(0, 4)) + 1;
    const target = this.targets.target(LAPTOPS_INDICATOR, y);
    if (target === null) {
      // The message reaches the pages: it names the year, never the server's file path.
      throw new DomainError('not_found', 'TARGET_NOT_FOUND', `no laptop target for ${y} in the KPI targets`, {
        year: y,
        yearsWithTarget: this.targets.yearsWithTarget(LAPTOPS_INDICATOR),
      });
    }
    const baseline = this.targets.baseline(LAPTOPS_INDICATOR, y);
    const counts = await this.stats.laptopCounts();
    const { lots: warrantiesEnding } = await this.warrantiesEnding(day);
    return {
      year: y,
      target,
      baseline: baseline?.value ?? null,
      baselineYear: baseline?.year ?? null,
      laptopsAssigned: counts.assigned,
      laptopsInStock: counts.inStock,
      laptopsInRepair: counts.inRepair,
      laptopsNeeded: Math.max(0, target - counts.assigned - counts.inStock),
      formula: `max(0, ${target} − ${counts.assigned} − ${counts.inStock})`,
      today: day,
      warrantiesEnding,
    };
  }

  async warrantiesEnding(day = municipalToday(this.clock, this.config)): Promise<WarrantiesEndingDto> {
    const to = addDays(day, WARRANTY_HORIZON_DAYS);
    const lots = await this.lots.warrantiesEnding(day, to);
    return {
      from: day,
      to,
      lots: lots.map((l) => ({
        lotId: l.id,
        cig: l.cig,
        supplier: l.supplier,
        kind: l.kind,
        model: `${l.manufacturer} ${l.modelName}`,
        warrantyEndsOn: l.warrantyEndsOn!,
        assetsInService: l.inService,
      })),
    };
  }
}
