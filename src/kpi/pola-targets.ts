import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { loadPolaTargets } from '../config/pola-targets';
import { PolaTargetRow } from '../config/pola-targets.parser';
import { POLA_INDICATOR_IDS, PolaIndicatorId, polaMeta, TypedTarget } from './domain/pola-types';
import { parseTargetForUnit } from './domain/typed-target';

export interface PolaTargetEntry {
  baselineYear: number | null;
  baseline: TypedTarget | null;
  /** The target of a year; null when the file has no column for it or the cell is empty. */
  target(year: number): TypedTarget | null;
}

/**
 * The Part 4 baselines and targets (config/pola-targets.tsv), typed and validated once when the module starts: every
 * one of the 22 indicators must be listed, each cell must suit the indicator's unit (a presence never gets a number,
 * a percentage stays within 0-100). A mistake throws here, naming the line and column, and the service does not start.
 */
@Injectable()
export class PolaTargets {
  private readonly logger = new Logger(PolaTargets.name);
  readonly file: string;
  private readonly rows: PolaTargetRow<TypedTarget>[];

  constructor(config: AppConfig) {
    const loaded = loadPolaTargets(config.configDir, {
      indicators: POLA_INDICATOR_IDS,
      cell: (indicator, text) => parseTargetForUnit(text, polaMeta(indicator as PolaIndicatorId).unit)!,
    });
    this.file = loaded.file;
    this.rows = loaded.rows;
    this.logger.log(`${this.file}: targets for ${this.years().join(', ')}`);
  }

  /** The years the file has a column for. */
  years(): number[] {
    return Object.keys(this.rows[0]?.targets ?? {})
      .map(Number)
      .sort((a, b) => a - b);
  }

  of(id: PolaIndicatorId): PolaTargetEntry {
    const row = this.rows.find((r) => r.indicator === id)!;
    return { baselineYear: row.baselineYear, baseline: row.baseline, target: (year) => row.targets[year] ?? null };
  }
}
