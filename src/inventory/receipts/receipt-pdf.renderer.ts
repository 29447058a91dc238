import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { ReceiptDocument, ReceiptTable } from '../domain/receipt.content';

export interface RenderedPdf {
  bytes: Buffer;
  sha256: string;
}

const MARGIN = 50;

/**
 * Lays a receipt out on A4 with pdfkit's built-in Helvetica (WinAnsi covers Italian accents). The bytes
 * are stored as produced, so the SHA-256 kept on the handover always matches what is served.
 */
@Injectable()
export class ReceiptPdfRenderer {
  render(receipt: ReceiptDocument, createdAt: Date): Promise<RenderedPdf> {
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: { Title: receipt.title, Author: receipt.organisation, Subject: receipt.heading, Creator: 'remote-work-provisioning', CreationDate: createdAt },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const width = doc.page.width - 2 * MARGIN;

    doc.font('Helvetica-Bold').fontSize(11).text(receipt.organisation.toUpperCase(), { align: 'center' });
    doc.font('Helvetica').fontSize(9).text('Sistema Informativo', { align: 'center' });
    doc.moveDown(1);
    doc.font('Helvetica-Bold').fontSize(15).text(receipt.heading, { align: 'center' });
    doc.font('Helvetica').fontSize(10).text(receipt.reference, { align: 'center' });
    doc.moveDown(1);

    for (const section of receipt.sections) {
      this.ensureSpace(doc, 60);
      doc.font('Helvetica-Bold').fontSize(11).text(section.heading, MARGIN, doc.y, { width });
      doc.moveDown(0.3);
      doc.font('Helvetica').fontSize(10);
      for (const p of section.paragraphs ?? []) {
        doc.text(p, MARGIN, doc.y, { width, align: 'justify' });
        doc.moveDown(0.3);
      }
      if (section.table) this.table(doc, section.table, width);
      (section.numbered ?? []).forEach((line, i) => {
        this.ensureSpace(doc, 30);
        doc.text(`${i + 1}. ${line}`, MARGIN + 10, doc.y, { width: width - 10, align: 'justify' });
        doc.moveDown(0.2);
      });
      doc.moveDown(0.6);
    }

    this.ensureSpace(doc, 120);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`Luogo e data: ${receipt.place ? `${receipt.place}, ` : ''}${receipt.date}`, MARGIN, doc.y + 10, { width });
    doc.moveDown(2);
    const columnWidth = width / receipt.signatures.length;
    const top = doc.y;
    receipt.signatures.forEach((s, i) => {
      const x = MARGIN + i * columnWidth;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(s.role, x, top, { width: columnWidth - 20 });
      doc.font('Helvetica').text(s.name, x, top + 14, { width: columnWidth - 20 });
      doc
        .moveTo(x, top + 60)
        .lineTo(x + columnWidth - 30, top + 60)
        .stroke();
      doc.fontSize(8).text('(firma)', x, top + 64, { width: columnWidth - 30, align: 'center' });
    });

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.height - MARGIN + 15;
      // The footer sits in the bottom margin: with the margin in place pdfkit would break to a new (blank) page.
      const margin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(`${receipt.reference} - pagina ${i + 1} di ${range.count}`, MARGIN, bottom, { width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = margin;
    }
    doc.end();
    return done.then((bytes) => ({ bytes, sha256: createHash('sha256').update(bytes).digest('hex') }));
  }

  private ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
    if (doc.y + needed > doc.page.height - MARGIN - 20) doc.addPage();
  }

  private table(doc: PDFKit.PDFDocument, table: ReceiptTable, width: number): void {
    const widths = table.widths.map((w) => w * width);
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i] - 8 }))) + 8;
      this.ensureSpace(doc, height);
      const y = doc.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        doc.rect(x, y, widths[i], height).stroke();
        doc.text(c, x + 4, y + 4, { width: widths[i] - 8 });
        x += widths[i];
      });
      doc.x = MARGIN;
      doc.y = y + height;
    };
    row(table.columns, true);
    for (const r of table.rows) row(r, false);
    doc.moveDown(0.5);
  }
}
