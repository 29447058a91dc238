import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppConfig } from './app-config';
import { KpiYearRow, parseKpiTargets } from './kpi-targets.parser';

export const LAPTOPS_INDICATOR = 'laptops_for_remote_work';

/**
 * The yearly baseline and targets of the POLA indicators, read once at start from
 * `<CONFIG_DIR>/kpi-targets.tsv`. A malformed file stops start-up naming the line; a missing one only means
 * no targets (planning then answers TARGET_NOT_FOUND). Exported for the KPI feature.
 */
@Injectable()
export class KpiTargets {
  private readonly logger = new Logger(KpiTargets.name);
  readonly file: string;
  private readonly rows: KpiYearRow[];

  constructor(config: AppConfig) {
    this.file = path.join(config.configDir, 'kpi-targets.tsv');
    if (!fs.existsSync(this.file)) {
      this.logger.warn(`${this.file} not found: no POLA targets configured`);
      this.rows = [];
      return;
    }
    this.rows = parseKpiTargets(fs.readFileSync(this.file, 'utf8'), this.file);
  }

  all(): KpiYearRow[] {
    return this.rows.map((r) => ({ ...r, values: { ...r.values } }));
  }

  /** The target of an indicator for a year (null when the year has no target row or an empty cell). */
  target(indicator: string, year: number): number | null {
    const row = this.rows.find((r) => r.year === year && r.kind === 'target');
    return row?.values[indicator] ?? null;
  }

  /** The most recent baseline at or before `year` (or the latest at all when none precedes it). */
  baseline(indicator: string, year?: number): { year: number; value: number } | null {
    const baselines = this.rows.filter((r) => r.kind === 'baseline' && r.values[indicator] != null);
    const eligible = year === undefined ? baselines : baselines.filter((r) => r.year <= year);
    const row = (eligible.length ? eligible : baselines).at(-1);
    return row ? { year: row.year, value: row.values[indicator] as number } : null;
  }

  yearsWithTarget(indicator: string): number[] {
    return this.rows.filter((r) => r.kind === 'target' && r.values[indicator] != null).map((r) => r.year);
  }
}
