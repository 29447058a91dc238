import ExcelJS from 'exceljs';
import { PolaIndicator, PolaUnit } from '../domain/pola-types';
import { IndicatorResult } from '../domain/pola-report';
import { coverLines, documentGroups, documentNotes, methodSections, OPERATIONAL_STATUS, operationalName, PolaDocumentInput } from './pola-document.content';
import { SOURCE_DESCRIPTIONS, STATUS_LABELS, targetNumber, UNIT_LABELS, valueCell } from './pola-document.format';

/**
 * The yearly POLA document as a workbook (exceljs): "Indicatori" (the 22 of Part 4 with their group columns),
 * "Note" (declared values with their evidence, indicators without a value, other notes), "Operativi" (the service's
 * own indicators), "Serie annuale" (the charts' figures) and "Informazioni" (cover and method). Italian headers,
 * numbers stored as numbers with a format for their unit (the spreadsheet shows them with the reader's separators),
 * dates as dates, the header row frozen and filterable.
 */
export const XLSX_SHEETS = ['Indicatori', 'Note', 'Operativi', 'Serie annuale', 'Informazioni'] as const;

const FORMATS: Record<PolaUnit | 'hours', string> = {
  count: '#,##0',
  percent: '0.0"%"',
  eur: '#,##0.00" €"',
  presence: 'General',
  hours: '#,##0.0',
};
const DATE = 'dd/mm/yyyy';
/** Numerator and denominator of a percentage (or of a presence: VPN gateways) are counts; of a sum, euros. */
const countsOf = (unit: PolaUnit | 'hours') => (unit === 'eur' ? FORMATS.eur : '#,##0');

type Row = Record<string, string | number | Date | null>;
interface Col {
  header: string;
  key: string;
  width: number;
  /** a fixed format; otherwise the row's unit decides for the `unit` columns */
  numFmt?: string;
  unit?: boolean | ((unit: PolaUnit | 'hours') => string);
  wrap?: boolean;
}

/** `YYYY-MM-DD` or an ISO instant → a date cell (midnight UTC, as spreadsheets count days). */
const day = (iso: string) => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

function sheet(wb: ExcelJS.Workbook, name: string, cols: Col[], rows: { unit: PolaUnit | 'hours' | null; values: Row }[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.key, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E8EE' } }));
  for (const r of rows) {
    const row = ws.addRow(r.values);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.unit && r.unit && typeof cell.value === 'number') cell.numFmt = typeof c.unit === 'function' ? c.unit(r.unit) : FORMATS[r.unit];
      if (c.wrap) cell.alignment = { wrapText: true, vertical: 'top' };
      else cell.alignment = { vertical: 'top' };
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  return ws;
}

function indicatorRow(dimension: string, factor: string | null, i: PolaIndicator): Row {
  return {
    dimension,
    factor,
    id: i.id,
    name: i.name,
    unit: UNIT_LABELS[i.unit],
    source: SOURCE_DESCRIPTIONS[i.source],
    baselineYear: i.baselineYear,
    baseline: i.baseline?.text ?? null,
    baselineNumber: targetNumber(i.baseline),
    target: i.target?.text ?? null,
    targetNumber: targetNumber(i.target),
    value: valueCell(i.value),
    expected: i.expected,
    status: STATUS_LABELS[i.status],
    numerator: i.numerator,
    denominator: i.denominator,
    numeratorDefinition: i.numeratorDefinition,
    denominatorDefinition: i.denominatorDefinition,
    method: i.method,
    sourceDescription: i.sourceDescription,
    note: i.note,
  };
}

function operationalRow(i: IndicatorResult): Row {
  return {
    id: i.id,
    name: operationalName(i),
    unit: UNIT_LABELS[i.unit],
    asOf: day(i.asOf),
    value: i.value,
    baselineYear: i.baselineYear,
    baseline: i.baseline,
    target: i.target,
    expected: i.expected,
    status: i.status ? OPERATIONAL_STATUS[i.status] : null,
    numerator: i.numerator,
    denominator: i.denominator,
  };
}

export async function renderPolaXlsx(input: PolaDocumentInput): Promise<Buffer> {
  const r = input.report;
  const wb = new ExcelJS.Workbook();
  wb.creator = input.municipality;
  wb.title = `Indicatori POLA ${r.year}`;
  wb.created = new Date(r.generatedAt);
  wb.modified = new Date(r.generatedAt);

  sheet(
    wb,
    'Indicatori',
    [
      { header: 'Dimensione', key: 'dimension', width: 30, wrap: true },
      { header: 'Fattore', key: 'factor', width: 24, wrap: true },
      { header: 'Codice', key: 'id', width: 30 },
      { header: 'Indicatore', key: 'name', width: 60, wrap: true },
      { header: 'Unità', key: 'unit', width: 10 },
      { header: 'Fonte', key: 'source', width: 26 },
      { header: 'Anno baseline', key: 'baselineYear', width: 10 },
      { header: 'Baseline (testo del piano)', key: 'baseline', width: 14 },
      { header: 'Baseline (numero)', key: 'baselineNumber', width: 14, unit: true },
      { header: `Obiettivo ${r.year} (testo del piano)`, key: 'target', width: 16 },
      { header: `Obiettivo ${r.year} (numero)`, key: 'targetNumber', width: 14, unit: true },
      { header: 'Valore', key: 'value', width: 14, unit: true },
      { header: 'Valore atteso', key: 'expected', width: 14, unit: true },
      { header: 'Stato', key: 'status', width: 16 },
      { header: 'Numeratore', key: 'numerator', width: 14, unit: countsOf },
      { header: 'Denominatore', key: 'denominator', width: 14, unit: countsOf },
      { header: 'Definizione del numeratore', key: 'numeratorDefinition', width: 50, wrap: true },
      { header: 'Definizione del denominatore', key: 'denominatorDefinition', width: 50, wrap: true },
      { header: 'Metodo', key: 'method', width: 70, wrap: true },
      { header: 'Descrizione della fonte', key: 'sourceDescription', width: 30, wrap: true },
      { header: 'Nota', key: 'note', width: 40, wrap: true },
    ],
    documentGroups(r).flatMap((g) => g.indicators.map((i) => ({ unit: i.unit, values: indicatorRow(g.dimension, g.factor, i) }))),
  );

  const notes = documentNotes(input);
  sheet(
    wb,
    'Note',
    [
      { header: 'Tipo', key: 'kind', width: 22 },
      { header: 'Codice', key: 'id', width: 30 },
      { header: 'Indicatore', key: 'name', width: 60, wrap: true },
      { header: 'Valore', key: 'value', width: 14, unit: true },
      { header: 'Nota', key: 'note', width: 70, wrap: true },
      { header: 'Dichiarato da', key: 'by', width: 30 },
      { header: 'Dichiarato il', key: 'on', width: 14, numFmt: DATE },
    ],
    [
      ...notes.declared.map((d) => ({
        unit: d.indicator.unit,
        values: {
          kind: 'Valore dichiarato',
          id: d.indicator.id,
          name: d.indicator.name,
          value: valueCell(d.indicator.value),
          note: d.note,
          by: d.by,
          on: day(d.on.split('/').reverse().join('-')),
        },
      })),
      ...notes.withoutData.map((w) => ({
        unit: null,
        values: { kind: 'Senza valore', id: w.indicator.id, name: w.indicator.name, value: null, note: w.reason },
      })),
      ...notes.other.map((o) => ({
        unit: o.indicator.unit,
        values: { kind: 'Nota', id: o.indicator.id, name: o.indicator.name, value: valueCell(o.indicator.value), note: o.note },
      })),
    ],
  );

  sheet(
    wb,
    'Operativi',
    [
      { header: 'Codice', key: 'id', width: 36 },
      { header: 'Indicatore', key: 'name', width: 60, wrap: true },
      { header: 'Unità', key: 'unit', width: 10 },
      { header: 'Situazione al', key: 'asOf', width: 14, numFmt: DATE },
      { header: 'Valore', key: 'value', width: 14, unit: true },
      { header: 'Anno baseline', key: 'baselineYear', width: 10 },
      { header: 'Baseline', key: 'baseline', width: 14, unit: true },
      { header: 'Obiettivo', key: 'target', width: 14, unit: true },
      { header: 'Valore atteso', key: 'expected', width: 14, unit: true },
      { header: 'Stato', key: 'status', width: 14 },
      { header: 'Numeratore', key: 'numerator', width: 14, numFmt: '#,##0' },
      { header: 'Denominatore', key: 'denominator', width: 14, numFmt: '#,##0' },
    ],
    r.operational.map((i) => ({ unit: i.unit, values: operationalRow(i) })),
  );

  const s = input.series;
  sheet(
    wb,
    'Serie annuale',
    [
      { header: 'Anno', key: 'year', width: 8 },
      { header: 'Data di riferimento', key: 'date', width: 14, numFmt: DATE },
      { header: 'Portatili per il lavoro agile', key: 'laptops', width: 16, numFmt: FORMATS.count },
      { header: 'Obiettivo portatili', key: 'laptopsTarget', width: 14, numFmt: FORMATS.count },
      { header: `Baseline portatili (${s.laptopsBaselineYear ?? '-'})`, key: 'baseline', width: 14, numFmt: FORMATS.count },
      { header: 'Lavoratori con accordo in vigore', key: 'workers', width: 16, numFmt: FORMATS.count },
      { header: '% lavoratori agili dotati', key: 'equipped', width: 14, numFmt: FORMATS.percent },
      { header: 'Obiettivo % dotati', key: 'equippedTarget', width: 14, numFmt: FORMATS.percent },
      { header: 'Investimento hardware (€)', key: 'investment', width: 18, numFmt: FORMATS.eur },
      { header: 'Obiettivo investimento (€)', key: 'investmentTarget', width: 18, numFmt: FORMATS.eur },
    ],
    s.points.map((p) => ({
      unit: null,
      values: {
        year: p.year,
        date: day(p.referenceDate),
        laptops: p.laptops,
        laptopsTarget: p.laptopsTarget,
        baseline: s.laptopsBaseline,
        workers: p.workersInForce,
        equipped: p.equippedPct,
        equippedTarget: p.equippedPctTarget,
        investment: p.investmentEur,
        investmentTarget: p.investmentEurTarget,
      },
    })),
  );

  const info = wb.addWorksheet('Informazioni');
  info.columns = [
    { header: 'Voce', key: 'label', width: 28 },
    { header: 'Contenuto', key: 'text', width: 120 },
  ];
  info.getRow(1).font = { bold: true };
  info.addRow({ label: 'Comune', text: input.municipality });
  for (const line of coverLines(input))
    info.addRow(line.label === 'Anno di riferimento' ? { label: line.label, text: r.year } : { label: line.label, text: line.value });
  for (const section of methodSections(input))
    info.addRow({ label: section.heading, text: section.paragraphs.join('\n') }).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
