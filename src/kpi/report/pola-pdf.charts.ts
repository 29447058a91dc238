import { itNumber } from './pola-document.format';
import { COLORS, contentWidth, Doc, ensureSpace, MARGIN } from './pola-pdf.layout';

/**
 * The dashboard's yearly charts drawn with pdfkit's vector shapes: bars per year, the year's target as a diamond,
 * an optional baseline as a dashed line, an Italian-formatted y axis and a legend. Values are printed above the bars
 * (the chart is its own data table when printed in black and white).
 */
export interface BarChart {
  title: string;
  /** the axis' unit, e.g. "portatili" or "€" */
  unit: string;
  bars: { label: string; value: number; target: number | null }[];
  baseline?: { value: number; label: string } | null;
  barLabel: string;
  format: (value: number) => string;
  /** the axis' top when it is known (100 for a percentage) */
  max?: number;
}

const HEIGHT = 210;
const LEGEND = 30;

/** 1, 2, 2.5 or 5 × a power of ten: about five steps from 0 to `max`. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= raw) ?? 10;
  return Math.max(step * power, 1);
}

export function barChart(doc: Doc, chart: BarChart): void {
  ensureSpace(doc, HEIGHT + LEGEND + 40);
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(COLORS.text)
    .text(chart.title, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
  const top = doc.y + 16;
  const axisWidth = 62;
  const left = MARGIN + axisWidth;
  const width = contentWidth(doc) - axisWidth - 10;
  const bottom = top + HEIGHT - 30;
  const plotHeight = bottom - top;
  const highest = Math.max(1, ...chart.bars.flatMap((b) => [b.value, b.target ?? 0]), chart.baseline?.value ?? 0);
  const step = niceStep(highest);
  const max = chart.max !== undefined && highest <= chart.max ? chart.max : Math.ceil((highest * 1.08) / step) * step;
  const y = (v: number) => bottom - (v / max) * plotHeight;

  doc.lineWidth(0.5).font('Helvetica').fontSize(7.5);
  for (let v = 0; v <= max + step / 1000; v += step) {
    doc
      .strokeColor(v === 0 ? COLORS.text : '#dddddd')
      .moveTo(left, y(v))
      .lineTo(left + width, y(v))
      .stroke();
    doc.fillColor(COLORS.muted).text(itNumber(v, 1), MARGIN, y(v) - 3.5, { width: axisWidth - 6, align: 'right', lineBreak: false });
  }
  doc.save();
  doc
    .fillColor(COLORS.muted)
    .fontSize(7.5)
    .rotate(-90, { origin: [MARGIN + 4, top + plotHeight / 2] })
    .text(chart.unit, MARGIN + 4 - plotHeight / 2, top + plotHeight / 2 - 4, { width: plotHeight, align: 'center', lineBreak: false });
  doc.restore();

  const slot = width / Math.max(chart.bars.length, 1);
  const barWidth = Math.min(60, slot * 0.55);
  chart.bars.forEach((b, i) => {
    const cx = left + slot * i + slot / 2;
    const h = bottom - y(b.value);
    doc.rect(cx - barWidth / 2, bottom - h, barWidth, h).fill(COLORS.blue);
    // The value inside the bar's top (white) when the bar is tall enough, else above it.
    const inside = h > 16;
    doc
      .fillColor(inside ? '#ffffff' : COLORS.text)
      .font('Helvetica-Bold')
      .fontSize(7.5)
      .text(chart.format(b.value), cx - barWidth / 2, inside ? bottom - h + 4 : bottom - h - 10, { width: barWidth, align: 'center', lineBreak: false });
    doc
      .font('Helvetica')
      .fillColor(COLORS.text)
      .fontSize(8.5)
      .text(b.label, cx - slot / 2, bottom + 4, { width: slot, align: 'center', lineBreak: false });
    if (b.target !== null) {
      diamond(doc, cx, y(b.target), COLORS.orange);
      // the target's figure in a row under the years, never over the bars
      doc
        .font('Helvetica-Bold')
        .fontSize(7.5)
        .fillColor(COLORS.orange)
        .text(chart.format(b.target), cx - slot / 2, bottom + 16, { width: slot, align: 'center', lineBreak: false });
      doc.font('Helvetica');
    }
  });
  if (chart.baseline) {
    doc
      .strokeColor(COLORS.green)
      .lineWidth(1)
      .dash(4, { space: 3 })
      .moveTo(left, y(chart.baseline.value))
      .lineTo(left + width, y(chart.baseline.value))
      .stroke()
      .undash();
  }

  const targets = chart.bars.some((b) => b.target !== null);
  if (targets) {
    doc
      .font('Helvetica-Bold')
      .fontSize(7.5)
      .fillColor(COLORS.orange)
      .text('Obiettivo', MARGIN, bottom + 16, { width: axisWidth - 6, align: 'right', lineBreak: false });
    doc.font('Helvetica');
  }
  const legendY = bottom + (targets ? 32 : 20);
  let x = left;
  doc.fontSize(8).fillColor(COLORS.text);
  const item = (label: string, mark: () => void) => {
    mark();
    doc.fillColor(COLORS.text).text(label, x + 14, legendY - 1, { lineBreak: false });
    x += 14 + doc.widthOfString(label) + 18;
  };
  item(chart.barLabel, () => doc.rect(x, legendY, 10, 7).fill(COLORS.blue));
  if (targets) item('Obiettivo POLA', () => diamond(doc, x + 5, legendY + 3.5, COLORS.orange));
  if (chart.baseline) {
    const label = chart.baseline.label;
    item(label, () =>
      doc
        .strokeColor(COLORS.green)
        .lineWidth(1)
        .dash(4, { space: 3 })
        .moveTo(x, legendY + 3.5)
        .lineTo(x + 10, legendY + 3.5)
        .stroke()
        .undash(),
    );
  }
  doc.fillColor(COLORS.text).strokeColor(COLORS.text).lineWidth(1);
  doc.x = MARGIN;
  doc.y = legendY + 18;
  doc.moveDown(0.6);
}

function diamond(doc: Doc, x: number, y: number, color: string): void {
  doc.polygon([x, y - 5], [x + 5, y], [x, y + 5], [x - 5, y]).fill(color);
}
