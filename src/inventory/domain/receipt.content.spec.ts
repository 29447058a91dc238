import { CUSTODY_OBLIGATIONS, handoverReceipt, italianDate, returnReceipt } from './receipt.content';

const employee = { fullName: 'Maria Rossi', employeeNumber: 'M1234', serviceName: 'Servizi Demografici' };
const technician = { fullName: 'Luca Bianchi' };
const laptop = { kind: 'laptop' as const, manufacturer: 'Lenovo', model: 'ThinkPad T14', serial: 'PF3ABC01', assetTag: 'INV-0000001' };
const headset = { kind: 'headset' as const, manufacturer: 'Jabra', model: 'Evolve 20', serial: 'JB77', assetTag: 'INV-0000002' };

function text(doc: ReturnType<typeof handoverReceipt>): string {
  return JSON.stringify(doc);
}

describe('receipts in Italian', () => {
  it('the handover receipt names both parties, every item, conditions and custody obligations', () => {
    const doc = handoverReceipt({
      handoverId: 'abcdef12-0000-4000-8000-000000000000',
      organisation: 'Comune di Prato',
      place: 'Prato',
      date: '2024-05-07',
      employee,
      technician,
      items: [laptop, headset],
      conditions: 'Nuovi, in scatola',
    });
    expect(doc.heading).toBe('Verbale di consegna di dotazioni informatiche per il lavoro agile');
    expect(doc.reference).toBe('Verbale n. ABCDEF12 del 07/05/2024');
    const all = text(doc);
    for (const s of [
      'Maria Rossi',
      'matricola M1234',
      'Luca Bianchi',
      'PF3ABC01',
      'INV-0000001',
      'JB77',
      'Computer portatile',
      'Nuovi, in scatola',
      'Divieto di cessione a terzi',
    ])
      expect(all).toContain(s);
    expect(doc.sections.find((s) => s.heading === 'Obblighi di custodia')?.numbered).toEqual(CUSTODY_OBLIGATIONS);
    expect(doc.signatures.map((s) => s.name)).toEqual(['Maria Rossi', 'Luca Bianchi']);
  });

  it('the return receipt records conditions, the data wipe and what is still held', () => {
    const doc = returnReceipt({
      returnId: '99999999-0000-4000-8000-000000000000',
      handoverId: 'abcdef12-0000-4000-8000-000000000000',
      handoverDate: '2024-05-07',
      organisation: 'Comune di Prato',
      place: 'Prato',
      date: '2025-01-10',
      employee,
      technician,
      items: [{ ...laptop, condition: 'damaged', note: 'schermo incrinato' }],
      wipes: [{ serial: 'PF3ABC01', assetTag: 'INV-0000001', method: 'NIST 800-88 purge', reference: 'WIPE-17' }],
      stillHeld: [headset],
    });
    const all = text(doc);
    expect(doc.heading).toBe('Verbale di restituzione di dotazioni informatiche per il lavoro agile');
    for (const s of [
      'verbale n. ABCDEF12 del 07/05/2024',
      'Danneggiato: inviato in riparazione - schermo incrinato',
      'NIST 800-88 purge',
      'WIPE-17',
      'Restano in consegna',
      'JB77',
    ])
      expect(all).toContain(s);
  });

  it('writes dates the Italian way', () => {
    expect(italianDate('2024-12-31')).toBe('31/12/2024');
  });
});
