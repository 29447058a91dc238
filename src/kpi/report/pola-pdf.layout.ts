import { winAnsi } from './pola-document.format';

/**
 * Layout helpers of the yearly POLA PDF on A4 with pdfkit's built-in Helvetica: headings, paragraphs, tables whose
 * rows never split across pages (a row that does not fit starts a new page, under the header row again), and the
 * "Pagina N di M" footer written once every page exists.
 */
export const MARGIN = 45;
export const FOOTER_SPACE = 25;
export const COLORS = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#9a9a9a',
  header: '#e4e8ee',
  stripe: '#f6f7f9',
  accent: '#1f4e79',
  blue: '#2f6db5',
  orange: '#d9822b',
  green: '#3a8a3a',
  red: '#b3261e',
  grey: '#8a8a8a',
};

export type Doc = PDFKit.PDFDocument;

export const contentWidth = (doc: Doc) => doc.page.width - 2 * MARGIN;
export const bottomLimit = (doc: Doc) => doc.page.height - MARGIN - FOOTER_SPACE;

/** A new page when `needed` points do not fit below the cursor. */
export function ensureSpace(doc: Doc, needed: number): boolean {
  if (doc.y + needed <= bottomLimit(doc)) return false;
  doc.addPage();
  return true;
}

/** A heading keeps some room below it: it never stands alone at the bottom of a page. */
export function heading(doc: Doc, text: string, size = 14, spaceAfter = 0.4): void {
  ensureSpace(doc, size * 3 + 60);
  doc
    .font('Helvetica-Bold')
    .fontSize(size)
    .fillColor(COLORS.accent)
    .text(winAnsi(text), MARGIN, doc.y, { width: contentWidth(doc) });
  doc.fillColor(COLORS.text).moveDown(spaceAfter);
}

export function paragraph(doc: Doc, text: string, options: { size?: number; indent?: number; color?: string; bold?: boolean } = {}): void {
  const size = options.size ?? 10;
  const indent = options.indent ?? 0;
  doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
  const width = contentWidth(doc) - indent;
  const t = winAnsi(text);
  ensureSpace(doc, Math.min(doc.heightOfString(t, { width }), 3 * size * 1.3));
  doc.fillColor(options.color ?? COLORS.text).text(t, MARGIN + indent, doc.y, { width, align: 'left' });
  doc.fillColor(COLORS.text).moveDown(0.35);
}

/** Paragraphs kept on one page when they fit on one (a definition with its name). */
export function keepTogether(doc: Doc, blocks: { text: string; size: number; indent?: number; bold?: boolean }[]): void {
  const height = blocks.reduce((sum, b) => {
    doc.font(b.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(b.size);
    return sum + doc.heightOfString(winAnsi(b.text), { width: contentWidth(doc) - (b.indent ?? 0) }) + b.size * 0.5;
  }, 0);
  if (height < bottomLimit(doc) - MARGIN) ensureSpace(doc, height);
}

export interface Column {
  title: string;
  /** share of the content width (the shares add up to 1) */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  fontSize?: number;
  /** colour of a cell's text, by row and column (e.g. the status column) */
  color?: (row: number, column: number) => string | undefined;
  /** bold cells, by row and column */
  bold?: (row: number, column: number) => boolean;
}

const PAD = 3;

/** A table with a header row repeated on every page it spans; rows are kept whole. */
export function table(doc: Doc, columns: Column[], rows: string[][], options: TableOptions = {}): void {
  const size = options.fontSize ?? 8;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const measure = (cells: string[], bold: (i: number) => boolean) =>
    Math.max(
      ...cells.map((c, i) => {
        doc.font(bold(i) ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
        return doc.heightOfString(winAnsi(c), { width: widths[i] - 2 * PAD });
      }),
    ) +
    2 * PAD;
  const draw = (cells: string[], y: number, height: number, fill: string | null, bold: (i: number) => boolean, color: (i: number) => string | undefined) => {
    let x = MARGIN;
    if (fill) doc.rect(MARGIN, y, total, height).fill(fill);
    doc.lineWidth(0.4).strokeColor(COLORS.rule);
    cells.forEach((c, i) => {
      doc.rect(x, y, widths[i], height).stroke();
      doc
        .font(bold(i) ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(size)
        .fillColor(color(i) ?? COLORS.text)
        .text(winAnsi(c), x + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: columns[i].align ?? 'left' });
      x += widths[i];
    });
    doc.fillColor(COLORS.text);
  };
  const header = columns.map((c) => c.title);
  const headerHeight = measure(header, () => true);
  const drawHeader = () => {
    const y = doc.y;
    draw(
      header,
      y,
      headerHeight,
      COLORS.header,
      () => true,
      () => undefined,
    );
    doc.y = y + headerHeight;
  };
  // The header never stands alone at the bottom of a page: it needs room for itself and the first row.
  const first = rows.length ? measure(rows[0], (i) => options.bold?.(0, i) ?? false) : 0;
  ensureSpace(doc, headerHeight + first);
  drawHeader();
  rows.forEach((cells, r) => {
    const bold = (i: number) => options.bold?.(r, i) ?? false;
    const height = measure(cells, bold);
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    draw(cells, y, height, r % 2 === 1 ? COLORS.stripe : null, bold, (i) => options.color?.(r, i));
    doc.x = MARGIN;
    doc.y = y + height;
  });
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

/** "<left> · Pagina N di M" on every page; margins are lifted so the footer itself never adds a page. */
export function footers(doc: Doc, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 5;
    const width = contentWidth(doc);
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
    doc.text(winAnsi(left), MARGIN, y, { width: width * 0.75, lineBreak: false });
    doc.text(`Pagina ${i + 1 - range.start} di ${range.count}`, MARGIN + width * 0.75, y, { width: width * 0.25, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor(COLORS.text);
}
