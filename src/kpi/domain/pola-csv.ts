import { IndicatorResult } from './pola-report';

/**
 * `GET /api/v1/kpi/pola.csv`: one line per indicator. Semicolon-separated, UTF-8 with a byte-order mark and
 * CRLF line ends, so a spreadsheet in an Italian locale opens it in columns with accents intact; numbers use a
 * dot as decimal separator (machine-readable, as the JSON), empty cells for "none"; fields are quoted when they
 * hold a separator, a quote or a line break (RFC 4180 quoting). Breakdowns are in the JSON only.
 */
export const POLA_CSV_COLUMNS = [
  'year',
  'reference_date',
  'indicator',
  'unit',
  'scope',
  'as_of',
  'value',
  'baseline_year',
  'baseline',
  'target',
  'expected',
  'status',
  'numerator',
  'denominator',
  'definition',
  'numerator_definition',
  'denominator_definition',
] as const;

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading = + - @ would be run as a formula by spreadsheets; numbers are written by us and never start so
  // except negatives, which stay numbers.
  const guarded = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[";\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvLine(cells: (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR);
}

export function polaCsv(ref: { year: number; date: string }, indicators: IndicatorResult[]): string {
  const lines = [csvLine([...POLA_CSV_COLUMNS])];
  for (const i of indicators) {
    lines.push(
      csvLine([
        ref.year,
        ref.date,
        i.id,
        i.unit,
        i.scope,
        i.asOf,
        i.value,
        i.baselineYear,
        i.baseline,
        i.target,
        i.expected,
        i.status,
        i.numerator,
        i.denominator,
        i.definition,
        i.numeratorDefinition,
        i.denominatorDefinition,
      ]),
    );
  }
  return BOM + lines.join('\r\n') + '\r\n';
}
