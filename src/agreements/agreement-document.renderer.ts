import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { AgreementValues, fillSegments, TemplateBlock } from './domain/agreement-template';

export interface RenderedAgreementDocument {
  bytes: Buffer;
  sha256: string;
}

export interface AgreementDocumentLayout {
  blocks: TemplateBlock[];
  values: AgreementValues;
  /** the two parties as the signature lines name them */
  employeeName: string;
  counterpartRole: string;
  /** fixed metadata dates, so the same agreement gives the same bytes (and SHA-256) at every request */
  createdAt: Date;
}

const MARGIN = 56;
const FOOTER_GAP = 18;

/**
 * Lays the agreement out on A4 with pdfkit's built-in Helvetica (WinAnsi covers Italian accents). Deterministic:
 * no "now" anywhere (the metadata dates are the agreement's creation), so regenerating gives the same SHA-256.
 */
@Injectable()
export class AgreementDocumentRenderer {
  render(layout: AgreementDocumentLayout): Promise<RenderedAgreementDocument> {
    const title = layout.blocks.find((b) => b.kind === 'title');
    const heading = title ? fillSegments(title.segments, layout.values) : 'Accordo individuale di lavoro agile';
    const doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: {
        Title: heading,
        Author: layout.values['ente.nome'],
        Subject: `${heading} n. ${layout.values['accordo.id']}`,
        Creator: 'remote-work-provisioning',
        Producer: 'remote-work-provisioning',
        CreationDate: layout.createdAt,
        ModDate: layout.createdAt,
      },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const width = doc.page.width - 2 * MARGIN;

    doc.font('Helvetica-Bold').fontSize(11).text(layout.values['ente.nome'].toUpperCase(), { align: 'center' });
    doc.moveDown(1);
    for (const block of layout.blocks) {
      const text = fillSegments(block.segments, layout.values);
      if (block.kind === 'title') {
        doc.font('Helvetica-Bold').fontSize(15).text(text, MARGIN, doc.y, { width, align: 'center' });
        doc.moveDown(1);
      } else if (block.kind === 'heading') {
        this.ensureSpace(doc, 50);
        doc.moveDown(0.4);
        doc.font('Helvetica-Bold').fontSize(11).text(text, MARGIN, doc.y, { width });
        doc.moveDown(0.3);
      } else if (block.kind === 'bullet') {
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(`•  ${text}`, MARGIN + 12, doc.y, { width: width - 12, align: 'justify' });
        doc.moveDown(0.2);
      } else {
        doc.font('Helvetica').fontSize(10).text(text, MARGIN, doc.y, { width, align: 'justify' });
        doc.moveDown(0.5);
      }
    }

    this.ensureSpace(doc, 130);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text('Luogo e data: ______________________________', MARGIN, doc.y + 14, { width });
    doc.moveDown(2);
    const columnWidth = width / 2;
    const top = doc.y;
    const parties: [string, string][] = [
      ['Il/La dipendente', layout.employeeName],
      ["Per l'ente", layout.counterpartRole],
    ];
    parties.forEach(([role, name], i) => {
      const x = MARGIN + i * columnWidth;
      doc
        .font('Helvetica-Bold')
        .fontSize(10)
        .text(role, x, top, { width: columnWidth - 20 });
      doc.font('Helvetica').text(name, x, top + 14, { width: columnWidth - 20 });
      doc
        .moveTo(x, top + 62)
        .lineTo(x + columnWidth - 30, top + 62)
        .stroke();
      doc.fontSize(8).text('(firma)', x, top + 66, { width: columnWidth - 30, align: 'center' });
    });

    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      // The footer sits in the bottom margin: without lifting the margin pdfkit would start a (blank) new page.
      const bottomMargin = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(`Accordo n. ${layout.values['accordo.id']} - pagina ${i + 1} di ${range.count}`, MARGIN, doc.page.height - MARGIN + FOOTER_GAP, {
          width,
          align: 'center',
          lineBreak: false,
        });
      doc.page.margins.bottom = bottomMargin;
    }
    doc.end();
    return done.then((bytes) => ({ bytes, sha256: createHash('sha256').update(bytes).digest('hex') }));
  }

  private ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
    if (doc.y + needed > doc.page.height - MARGIN) doc.addPage();
  }
}
