/**
 * `config/kpi-targets.tsv`: one row per year, one column per indicator (POLA Part 4). `kind` says whether
 * the row is the baseline (measured) or a target. Editable by the RTD; a malformed file stops start-up
 * naming the file and line, so a typo never silently becomes a target of 0.
 */
export type TargetKind = 'baseline' | 'target';

export interface KpiYearRow {
  year: number;
  kind: TargetKind;
  values: Record<string, number | null>;
}

export class KpiTargetsFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problem: string,
  ) {
    super(`${file}:${line}: ${problem}`);
    this.name = 'KpiTargetsFormatError';
  }
}

const INDICATOR = /^[a-z][a-z0-9_]*$/;

export function parseKpiTargets(text: string, file = 'kpi-targets.tsv'): KpiYearRow[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | null = null;
  const rows: KpiYearRow[] = [];
  const seen = new Set<number>();
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (!raw.trim() || raw.trimStart().startsWith('#')) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (!header) {
      if (cells[0] !== 'year' || cells[1] !== 'kind') throw new KpiTargetsFormatError(file, lineNo, 'the header must start with "year<TAB>kind"');
      for (const name of cells.slice(2)) {
        if (!INDICATOR.test(name)) throw new KpiTargetsFormatError(file, lineNo, `"${name}" is not an indicator name (lower case, digits, _)`);
      }
      if (new Set(cells).size !== cells.length) throw new KpiTargetsFormatError(file, lineNo, 'a column is repeated');
      header = cells;
      return;
    }
    if (cells.length !== header.length) throw new KpiTargetsFormatError(file, lineNo, `expected ${header.length} columns, found ${cells.length}`);
    if (!/^\d{4}$/.test(cells[0])) throw new KpiTargetsFormatError(file, lineNo, `"${cells[0]}" is not a year`);
    const year = Number(cells[0]);
    if (seen.has(year)) throw new KpiTargetsFormatError(file, lineNo, `year ${year} appears twice`);
    seen.add(year);
    const kind = cells[1];
    if (kind !== 'baseline' && kind !== 'target') throw new KpiTargetsFormatError(file, lineNo, `kind must be baseline or target, not "${kind}"`);
    const values: Record<string, number | null> = {};
    header.slice(2).forEach((name, i) => {
      const cell = cells[i + 2];
      if (cell === '' || cell === '-') {
        values[name] = null;
        return;
      }
      if (!/^-?\d+(\.\d+)?$/.test(cell)) throw new KpiTargetsFormatError(file, lineNo, `${name}: "${cell}" is not a number`);
      values[name] = Number(cell);
    });
    rows.push({ year, kind, values });
  });
  if (!header) throw new KpiTargetsFormatError(file, lines.length, 'no header line');
  return rows.sort((a, b) => a.year - b.year);
}
