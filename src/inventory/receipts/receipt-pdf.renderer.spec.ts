import { pdfPageCount, pdfStreamsText } from '../../../test/helpers/pdf-text';
import { handoverReceipt, returnReceipt } from '../domain/receipt.content';
import { ReceiptPdfRenderer } from './receipt-pdf.renderer';

const employee = { fullName: 'Maria Rossi', employeeNumber: 'M1234', serviceName: 'Servizi Demografici' };
// A browser session's actor: what the technician's name is on the records.
const technician = { fullName: 'web:Luca Bianchi' };
const laptop = { kind: 'laptop' as const, manufacturer: 'Lenovo', model: 'ThinkPad T14', serial: 'PF3ABC01', assetTag: 'INV-0000001' };
const headset = { kind: 'headset' as const, manufacturer: 'Jabra', model: 'Evolve 20', serial: 'JB77', assetTag: 'INV-0000002' };
const at = new Date('2026-03-10T09:00:00Z');

describe('receipt PDFs', () => {
  const renderer = new ReceiptPdfRenderer();

  it('a handover receipt fits its pages: no blank trailing page, and the technician by name (no web: prefix)', async () => {
    const doc = handoverReceipt({
      handoverId: 'abcdef12-0000-4000-8000-000000000000',
      organisation: 'Comune di Prato',
      place: 'Prato',
      date: '2026-03-10',
      employee,
      technician,
      items: [laptop, headset],
      conditions: 'Nuovi',
    });
    const { bytes } = await renderer.render(doc, at);
    const pages = pdfPageCount(bytes);
    const text = pdfStreamsText(bytes).join('\n');
    // every page carries its footer "pagina i di n", and n is the number of pages
    expect(text).toContain(`pagina ${pages} di ${pages}`);
    expect(text).not.toContain(`pagina ${pages + 1}`);
    expect(pages).toBe(1);
    expect(text).toContain('Luca Bianchi');
    expect(text).not.toContain('web:');
  });

  it('a long kit runs onto more pages, and none of them is blank', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ ...headset, serial: `JB${i}`, assetTag: `INV-00001${String(i).padStart(2, '0')}` }));
    const doc = handoverReceipt({
      handoverId: 'abcdef12-0000-4000-8000-000000000000',
      organisation: 'Comune di Prato',
      place: 'Prato',
      date: '2026-03-10',
      employee,
      technician,
      items,
    });
    const { bytes } = await renderer.render(doc, at);
    const pages = pdfPageCount(bytes);
    expect(pages).toBeGreaterThan(1);
    const streams = pdfStreamsText(bytes);
    expect(streams).toHaveLength(pages);
    streams.forEach((content, i) => {
      expect(content).toContain(`pagina ${i + 1} di ${pages}`);
      // more on the page than its footer
      expect(content.replace(/Verbale n\. \w+ del [\d/]+ - pagina \d+ di \d+/, '').trim().length).toBeGreaterThan(50);
    });
  });

  it('a return receipt: one page per content page, the technician by name', async () => {
    const doc = returnReceipt({
      handoverId: 'abcdef12-0000-4000-8000-000000000000',
      returnId: '12345678-0000-4000-8000-000000000000',
      organisation: 'Comune di Prato',
      place: 'Prato',
      date: '2026-03-12',
      handoverDate: '2026-03-10',
      employee,
      technician,
      items: [{ ...laptop, condition: 'good', note: null }],
      wipes: [{ serial: laptop.serial, assetTag: laptop.assetTag, method: 'NIST 800-88 purge', reference: null }],
      stillHeld: [headset],
    });
    const { bytes } = await renderer.render(doc, at);
    const pages = pdfPageCount(bytes);
    expect(pdfStreamsText(bytes).join('\n')).toContain(`pagina ${pages} di ${pages}`);
    expect(pages).toBe(1);
    const text = pdfStreamsText(bytes).join('\n');
    expect(text).toContain('Luca Bianchi');
    expect(text).not.toContain('web:');
  });
});
