import { stringify } from 'csv-stringify/sync';
import { PolaIndicator } from '../domain/pola-types';
import { IndicatorResult } from '../domain/pola-report';
import { documentGroups, OPERATIONAL_STATUS, operationalName, PolaDocumentInput } from './pola-document.content';
import { itDate, itDateIn, SOURCE_DESCRIPTIONS, STATUS_LABELS, UNIT_LABELS, valueCell } from './pola-document.format';

/**
 * `GET /api/v1/kpi/pola.csv`: the yearly document as one table, one line per indicator: the 22 of Part 4 in the
 * plan's groups, then the service's operational indicators (dimension "Indicatori operativi del servizio").
 * Semicolon-separated, UTF-8 with a byte-order mark and CRLF line ends, Italian headers, numbers with a decimal
 * comma and no thousands separator (`94,5`, `45200`): an Italian spreadsheet opens it in columns, accents intact,
 * numbers as numbers. Baseline and target cells keep the plan's own text (`<18%`, `n.d`). Empty cell: none.
 */
export const POLA_DOCUMENT_CSV_HEADERS = [
  'Anno',
  'Data di riferimento',
  'Dimensione',
  'Fattore',
  'Codice',
  'Indicatore',
  'Unità',
  'Fonte',
  'Descrizione della fonte',
  'Anno baseline',
  'Baseline',
  'Obiettivo',
  'Valore',
  'Valore atteso',
  'Stato',
  'Numeratore',
  'Denominatore',
  'Definizione del numeratore',
  'Definizione del denominatore',
  'Metodo',
  'Dichiarato da',
  'Dichiarato il',
  'Nota di evidenza',
  'Nota',
] as const;

export const OPERATIONAL_DIMENSION = 'Indicatori operativi del servizio';

type Cell = string | number | null;

/** `94.5` → `94,5`; strings are guarded against spreadsheet formulas (a leading = + - @). */
function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function part4Row(year: number, referenceDate: string, dimension: string, factor: string | null, i: PolaIndicator, timeZone: string): Cell[] {
  return [
    year,
    itDate(referenceDate),
    dimension,
    factor,
    i.id,
    i.name,
    UNIT_LABELS[i.unit],
    SOURCE_DESCRIPTIONS[i.source],
    i.sourceDescription,
    i.baselineYear,
    i.baseline?.text ?? null,
    i.target?.text ?? null,
    valueCell(i.value),
    i.expected,
    STATUS_LABELS[i.status],
    i.numerator,
    i.denominator,
    i.numeratorDefinition,
    i.denominatorDefinition,
    i.method,
    i.declared?.declaredBy ?? null,
    i.declared ? itDateIn(i.declared.declaredAt, timeZone) : null,
    i.declared?.note ?? null,
    i.note,
  ];
}

function operationalRow(year: number, referenceDate: string, i: IndicatorResult): Cell[] {
  return [
    year,
    itDate(referenceDate),
    OPERATIONAL_DIMENSION,
    null,
    i.id,
    operationalName(i),
    UNIT_LABELS[i.unit],
    SOURCE_DESCRIPTIONS.computed,
    i.scope === 'current' ? `Registri del servizio, situazione al ${itDate(i.asOf)}` : 'Registri del servizio',
    i.baselineYear,
    i.baseline,
    i.target,
    i.value,
    i.expected,
    i.status ? OPERATIONAL_STATUS[i.status] : null,
    i.numerator,
    i.denominator,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ];
}

export function renderPolaCsv(input: PolaDocumentInput): string {
  const r = input.report;
  const rows: Cell[][] = [];
  for (const g of documentGroups(r)) for (const i of g.indicators) rows.push(part4Row(r.year, r.referenceDate, g.dimension, g.factor, i, input.timeZone));
  for (const i of r.operational) rows.push(operationalRow(r.year, r.referenceDate, i));
  const body = stringify([[...POLA_DOCUMENT_CSV_HEADERS], ...rows.map((row) => row.map(cell))], {
    delimiter: ';',
    record_delimiter: '\r\n',
    quoted_match: /[";\r\n]/,
  });
  return '\uFEFF' + body;
}
