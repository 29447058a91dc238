import PDFDocument from 'pdfkit';
import { IndicatorResult } from '../domain/pola-report';
import { PolaIndicator, PolaStatus } from '../domain/pola-types';
import {
  coverLines,
  documentGroups,
  documentNotes,
  documentTitle,
  methodSections,
  OPERATIONAL_STATUS,
  operationalName,
  PolaDocumentInput,
} from './pola-document.content';
import { itDate, itEuro, itNumber, itPercent, itUnit, SOURCE_LABELS, STATUS_LABELS, targetText, valueText, winAnsi } from './pola-document.format';
import { barChart } from './pola-pdf.charts';
import { Column, COLORS, contentWidth, Doc, ensureSpace, footers, heading, keepTogether, MARGIN, paragraph, table } from './pola-pdf.layout';

const STATUS_COLORS: Record<PolaStatus, string> = {
  met: COLORS.green,
  on_track: COLORS.green,
  behind: COLORS.red,
  not_met: COLORS.red,
  no_target: COLORS.muted,
  action_required: COLORS.orange,
  no_data: COLORS.orange,
};

/**
 * The yearly POLA document in Italian (A4, pdfkit), to attach to the Relazione sulla Performance / PIAO: cover, method,
 * one table per group of Part 4, the yearly charts, notes on declared values and on indicators without data, the
 * operational indicators and, as an appendix, every indicator's definition. Deterministic for a given input (the
 * creation date is the report's generation time).
 */
export function renderPolaPdf(input: PolaDocumentInput): Promise<Buffer> {
  const r = input.report;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: winAnsi(documentTitle(r.year)),
      Author: winAnsi(input.municipality),
      Subject: 'Indicatori del POLA, parte 4',
      Creator: 'remote-work-provisioning',
      CreationDate: new Date(r.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  cover(doc, input);
  doc.addPage();
  method(doc, input);
  doc.addPage();
  groups(doc, input);
  doc.addPage();
  charts(doc, input);
  notes(doc, input);
  operational(doc, input.report.operational);
  doc.addPage();
  definitions(doc, input);
  footers(doc, `${input.municipality} - Monitoraggio POLA ${r.year} (al ${itDate(r.referenceDate)})`);
  doc.end();
  return done;
}

function cover(doc: Doc, input: PolaDocumentInput): void {
  const r = input.report;
  const width = contentWidth(doc);
  doc.y = 150;
  doc.font('Helvetica-Bold').fontSize(20).fillColor(COLORS.accent).text(winAnsi(input.municipality.toUpperCase()), MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(2.5);
  doc.font('Helvetica-Bold').fontSize(17).fillColor(COLORS.text).text('Monitoraggio del Piano Organizzativo del Lavoro Agile', { width, align: 'center' });
  doc.font('Helvetica').fontSize(13).text('Indicatori della parte 4 del POLA', { width, align: 'center' });
  doc.moveDown(1.2);
  doc.font('Helvetica-Bold').fontSize(28).fillColor(COLORS.accent).text(`Anno ${r.year}`, { width, align: 'center' });
  doc.fillColor(COLORS.text).moveDown(1.2);
  doc.font('Helvetica').fontSize(10.5).fillColor(COLORS.muted);
  doc.text('Allegato alla Relazione sulla Performance e alla sezione lavoro agile del PIAO', { width, align: 'center' });
  doc.fillColor(COLORS.text).moveDown(3);
  const labels = coverLines(input);
  for (const line of labels) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(`${line.label}:`, MARGIN + 60, y, { width: 150 });
    doc.font('Helvetica-Bold').text(winAnsi(line.value), MARGIN + 210, y, { width: width - 270 });
    doc.moveDown(0.5);
  }
  doc.moveDown(2);
  doc.x = MARGIN;
  heading(doc, 'Sintesi', 12);
  const counts = (Object.keys(STATUS_LABELS) as PolaStatus[])
    .map((s) => [STATUS_LABELS[s], String(r.indicators.filter((i) => i.status === s).length)] as [string, string])
    .filter(([, n]) => n !== '0');
  table(
    doc,
    [
      { title: 'Stato', width: 0.7 },
      { title: 'Indicatori', width: 0.3, align: 'right' },
    ],
    [...counts, ['Totale', String(r.indicators.length)]],
    {
      fontSize: 9.5,
      bold: (row) => row === counts.length,
    },
  );
}

function method(doc: Doc, input: PolaDocumentInput): void {
  heading(doc, 'Metodo', 16, 0.6);
  for (const section of methodSections(input)) {
    heading(doc, section.heading, 11.5, 0.25);
    for (const p of section.paragraphs) paragraph(doc, p, { indent: p.startsWith('- ') ? 10 : 0 });
    doc.moveDown(0.4);
  }
}

const statusCell = (i: PolaIndicator) => STATUS_LABELS[i.status] + (i.expected !== null ? `\natteso ${itUnit(i.unit, i.expected)}` : '');
const amount = (i: PolaIndicator, n: number | null) => (n === null ? '—' : i.unit === 'eur' ? itEuro(n) : itNumber(n, 2));

function groups(doc: Doc, input: PolaDocumentInput): void {
  const r = input.report;
  heading(doc, `Indicatori del POLA al ${itDate(r.referenceDate)}`, 16, 0.3);
  paragraph(
    doc,
    'Baseline e obiettivi come il piano li scrive; valori, numeratori e denominatori alla data di riferimento. Le note sono in fondo al documento.',
    {
      size: 9,
      color: COLORS.muted,
    },
  );
  const years = new Set(r.indicators.map((i) => i.baselineYear));
  const oneYear = years.size === 1 ? [...years][0] : null;
  const columns: Column[] = [
    { title: 'Indicatore', width: 0.27 },
    { title: oneYear ? `Baseline ${oneYear}` : 'Baseline', width: 0.09 },
    { title: `Obiettivo ${r.year}`, width: 0.09 },
    { title: 'Valore', width: 0.11, align: 'right' },
    { title: 'Stato', width: 0.11 },
    { title: 'Numeratore', width: 0.115, align: 'right' },
    { title: 'Denominatore', width: 0.125, align: 'right' },
    { title: 'Fonte', width: 0.09 },
  ];
  documentGroups(r).forEach((g, n) => {
    // the group's heading, its dimension line, the table's header and first row stay together
    ensureSpace(doc, 150);
    heading(doc, `${n + 1}. ${g.factor ?? g.dimension}`, 12.5, 0.15);
    paragraph(doc, g.factor ? `Dimensione: ${g.dimension} - fattore: ${g.factor}` : `Dimensione: ${g.dimension}`, { size: 8.5, color: COLORS.muted });
    const rows = g.indicators.map((i) => [
      i.name,
      targetText(i.baseline) + (!oneYear && i.baselineYear ? ` (${i.baselineYear})` : ''),
      targetText(i.target),
      valueText(i.unit, i.value) + (i.note && i.value ? ' *' : ''),
      statusCell(i),
      amount(i, i.numerator),
      amount(i, i.denominator),
      SOURCE_LABELS[i.source],
    ]);
    table(doc, columns, rows, { color: (row, col) => (col === 4 ? STATUS_COLORS[g.indicators[row].status] : undefined), bold: (_, col) => col === 3 });
  });
  paragraph(doc, '* il valore ha una nota (vedi "Note").', { size: 8, color: COLORS.muted });
}

function charts(doc: Doc, input: PolaDocumentInput): void {
  const s = input.series;
  heading(doc, `Andamento ${s.from}-${s.to}`, 16, 0.5);
  const years = s.points.map((p) => String(p.year) + (p.current ? ' (oggi)' : ''));
  barChart(doc, {
    title: 'Portatili per il lavoro agile al 31 dicembre di ogni anno, con gli obiettivi del POLA',
    unit: 'portatili',
    barLabel: 'Portatili per il lavoro agile',
    bars: s.points.map((p, i) => ({ label: years[i], value: p.laptops, target: p.laptopsTarget })),
    baseline:
      s.laptopsBaseline !== null ? { value: s.laptopsBaseline, label: `Baseline ${s.laptopsBaselineYear ?? ''}: ${itNumber(s.laptopsBaseline)}` } : null,
    format: (v) => itNumber(v, 0),
  });
  barChart(doc, {
    title: "Investimento in hardware per il lavoro agile nell'anno (lotti di fornitura consegnati), in euro",
    unit: 'euro',
    barLabel: 'Investimento dell’anno',
    bars: s.points.map((p, i) => ({ label: years[i], value: p.investmentEur, target: p.investmentEurTarget })),
    format: (v) => `${itNumber(v, 0)} €`,
  });
  barChart(doc, {
    title: '% lavoratori agili dotati di dispositivi e traffico dati',
    unit: '%',
    max: 100,
    barLabel: 'Lavoratori agili dotati',
    bars: s.points.map((p, i) => ({ label: years[i], value: p.equippedPct ?? 0, target: p.equippedPctTarget })),
    format: (v) => itPercent(v),
  });
}

function notes(doc: Doc, input: PolaDocumentInput): void {
  const n = documentNotes(input);
  heading(doc, 'Note', 16, 0.4);
  heading(doc, 'Valori dichiarati dal RTD', 12, 0.2);
  if (n.declared.length) {
    table(
      doc,
      [
        { title: 'Indicatore', width: 0.28 },
        { title: 'Valore', width: 0.09 },
        { title: 'Nota di evidenza', width: 0.35 },
        { title: 'Dichiarato da', width: 0.18 },
        { title: 'Data', width: 0.1 },
      ],
      n.declared.map((d) => [d.indicator.name, d.value, d.note, d.by, d.on]),
    );
  } else paragraph(doc, "Nessun valore dichiarato per l'anno.");
  heading(doc, 'Indicatori senza valore', 12, 0.2);
  if (n.withoutData.length) {
    table(
      doc,
      [
        { title: 'Indicatore', width: 0.45 },
        { title: 'Stato', width: 0.15 },
        { title: 'Motivo', width: 0.4 },
      ],
      n.withoutData.map((w) => [w.indicator.name, STATUS_LABELS[w.indicator.status], w.reason]),
      { color: (row, col) => (col === 1 ? STATUS_COLORS[n.withoutData[row].indicator.status] : undefined) },
    );
  } else paragraph(doc, 'Ogni indicatore ha un valore.');
  if (n.other.length) {
    heading(doc, 'Altre note', 12, 0.2);
    table(
      doc,
      [
        { title: 'Indicatore', width: 0.45 },
        { title: 'Nota', width: 0.55 },
      ],
      n.other.map((o) => [o.indicator.name, o.note]),
    );
  }
}

function operational(doc: Doc, indicators: IndicatorResult[]): void {
  if (!indicators.length) return;
  heading(doc, 'Indicatori operativi del servizio', 14, 0.2);
  paragraph(doc, 'Indicatori che il servizio misura oltre a quelli del POLA (dotazioni, accordi, VPN, certificati, cessati).', {
    size: 9,
    color: COLORS.muted,
  });
  const fmt = (i: IndicatorResult, v: number | null) => (v === null ? '—' : itUnit(i.unit, v));
  // the CRL's figures count seconds: in hours, as their value
  const plain = (i: IndicatorResult, v: number | null) => (v === null ? '—' : itNumber(i.unit === 'hours' ? v / 3600 : v, 2));
  table(
    doc,
    [
      { title: 'Indicatore', width: 0.33 },
      { title: 'Valore', width: 0.11, align: 'right' },
      { title: 'Baseline', width: 0.09, align: 'right' },
      { title: 'Obiettivo', width: 0.1, align: 'right' },
      { title: 'Stato', width: 0.1 },
      { title: 'Numeratore', width: 0.13, align: 'right' },
      { title: 'Denominatore', width: 0.14, align: 'right' },
    ],
    indicators.map((i) => [
      operationalName(i) + (i.scope === 'current' ? ` (situazione al ${itDate(i.asOf)})` : ''),
      fmt(i, i.value),
      fmt(i, i.baseline),
      fmt(i, i.target),
      i.status ? OPERATIONAL_STATUS[i.status] : '—',
      plain(i, i.numerator),
      plain(i, i.denominator),
    ]),
  );
}

/** An indicator's definition: its name, method, numerator, denominator and source. */
function definitionBlocks(i: PolaIndicator): { text: string; size: number; indent?: number; bold?: boolean; color?: string }[] {
  return [
    { text: i.name, size: 9, bold: true },
    { text: `Metodo: ${i.method}.`, size: 8.5, indent: 8 },
    ...(i.numeratorDefinition ? [{ text: `Numeratore: ${i.numeratorDefinition}.`, size: 8.5, indent: 8 }] : []),
    ...(i.denominatorDefinition ? [{ text: `Denominatore: ${i.denominatorDefinition}.`, size: 8.5, indent: 8 }] : []),
    { text: `Fonte: ${i.sourceDescription} (${SOURCE_LABELS[i.source]}).`, size: 8.5, indent: 8, color: COLORS.muted },
  ];
}

function definitions(doc: Doc, input: PolaDocumentInput): void {
  heading(doc, 'Appendice: definizione degli indicatori', 16, 0.5);
  for (const g of documentGroups(input.report)) {
    const title = g.factor ?? g.dimension;
    // the group's heading never stays behind at the bottom of a page without its first definition
    if (g.indicators.length) keepTogether(doc, [{ text: title, size: 11.5, bold: true }, ...definitionBlocks(g.indicators[0])]);
    heading(doc, title, 11.5, 0.2);
    for (const i of g.indicators) {
      const blocks = definitionBlocks(i);
      keepTogether(doc, blocks);
      for (const b of blocks) paragraph(doc, b.text, b);
      doc.moveDown(0.2);
    }
  }
}
