/**
 * `config/pola-targets.tsv`: the baselines and yearly targets of the POLA Part 4 indicators, as the plan writes
 * them (`236`, `30.000 €`, `<18%`, `presente`, `n.d`, `Attivare rilevazione`, empty). One row per indicator:
 * `indicator  baseline_year  baseline  <year>  <year> …` — a new year is a new column. Tab-separated, `#` comments.
 * This file only knows the table's shape; what a cell means (and which indicators exist) is the caller's: the KPI
 * feature passes its ids and its cell reader. Every mistake names the file, line and column, so a typo stops the
 * service at start instead of becoming a target.
 */
export interface PolaTargetsSpec<T> {
  /** Every indicator the file must list, once each. */
  indicators: readonly string[];
  /** Reads one baseline/target cell (non-empty); throws an Error whose message says what is wrong. */
  cell(indicator: string, text: string): T;
}

export interface PolaTargetRow<T> {
  indicator: string;
  line: number;
  baselineYear: number | null;
  baseline: T | null;
  /** year → the target (null: empty cell, no target that year) */
  targets: Record<number, T | null>;
}

export class PolaTargetsFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: string | null,
    readonly problem: string,
  ) {
    super(`${file}:${line}${column ? ` (column ${column})` : ''}: ${problem}`);
    this.name = 'PolaTargetsFormatError';
  }
}

const FIXED = ['indicator', 'baseline_year', 'baseline'] as const;

export function parsePolaTargets<T>(text: string, spec: PolaTargetsSpec<T>, file = 'pola-targets.tsv'): PolaTargetRow<T>[] {
  const lines = text.split(/\r?\n/);
  let years: number[] | null = null;
  let headerWidth = 0;
  const rows: PolaTargetRow<T>[] = [];
  const fail = (line: number, column: string | null, problem: string) => new PolaTargetsFormatError(file, line, column, problem);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (!years) {
      FIXED.forEach((name, i) => {
        if (cells[i] !== name) throw fail(lineNo, String(i + 1), `the header must start with "${FIXED.join('<TAB>')}", found "${cells[i] ?? ''}"`);
      });
      years = cells.slice(FIXED.length).map((c, i) => {
        if (!/^\d{4}$/.test(c)) throw fail(lineNo, String(FIXED.length + i + 1), `"${c}" is not a year (a target column is named by its year)`);
        return Number(c);
      });
      if (new Set(years).size !== years.length) throw fail(lineNo, null, 'a year column is repeated');
      headerWidth = cells.length;
      return;
    }
    // Trailing empty cells may be dropped by editors; more cells than the header is a mistake.
    if (cells.length > headerWidth) throw fail(lineNo, null, `expected at most ${headerWidth} columns, found ${cells.length}`);
    const at = (i: number) => cells[i] ?? '';
    const indicator = at(0);
    if (!spec.indicators.includes(indicator)) throw fail(lineNo, 'indicator', `"${indicator}" is not a POLA indicator`);
    if (rows.some((r) => r.indicator === indicator)) throw fail(lineNo, 'indicator', `${indicator} appears twice`);
    const cell = (i: number, column: string): T | null => {
      const value = at(i);
      if (value === '') return null;
      try {
        return spec.cell(indicator, value);
      } catch (e) {
        throw fail(lineNo, column, `${indicator}: ${(e as Error).message}`);
      }
    };
    const yearText = at(1);
    if (yearText !== '' && !/^\d{4}$/.test(yearText)) throw fail(lineNo, 'baseline_year', `"${yearText}" is not a year`);
    const baseline = cell(2, 'baseline');
    if (baseline !== null && yearText === '') throw fail(lineNo, 'baseline_year', `${indicator}: a baseline needs its year`);
    const targets: Record<number, T | null> = {};
    years.forEach((year, i) => (targets[year] = cell(FIXED.length + i, String(year))));
    rows.push({ indicator, line: lineNo, baselineYear: yearText === '' ? null : Number(yearText), baseline, targets });
  });
  if (!years) throw fail(lines.length, null, 'no header line');
  const missing = spec.indicators.filter((id) => !rows.some((r) => r.indicator === id));
  if (missing.length) throw fail(lines.length, 'indicator', `missing indicators: ${missing.join(', ')}`);
  return spec.indicators.map((id) => rows.find((r) => r.indicator === id)!);
}
