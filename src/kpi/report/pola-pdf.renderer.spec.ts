import * as fs from 'node:fs';
import { readPdf } from '../../../test/helpers/pdf-text';
import { DECLARED_NOTE, polaDocumentInput } from '../../../test/fixtures/pola-report';
import { renderPolaPdf } from './pola-pdf.renderer';

/** Text per page, its pieces joined by spaces, whitespace folded. */
async function pages(bytes: Buffer): Promise<string[]> {
  return (await readPdf(bytes)).pieces.map((p) => p.join(' ').replace(/\s+/g, ' '));
}

describe('the yearly POLA document as PDF', () => {
  const input = polaDocumentInput();
  let bytes: Buffer;
  let text: string[];
  let all: string;

  beforeAll(async () => {
    bytes = await renderPolaPdf(input);
    // RW_POLA_PDF=/tmp/x.pdf keeps the file, to look at its pages as images (pdftoppm).
    if (process.env.RW_POLA_PDF) fs.writeFileSync(process.env.RW_POLA_PDF, bytes);
    text = await pages(bytes);
    all = text.join(' ');
  });

  it('has a cover with the municipality, the year, the reference date and the generation time', () => {
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text[0]).toContain('COMUNE DI PRATO');
    expect(text[0]).toContain('Anno 2022');
    expect(text[0]).toContain('31/12/2022');
    expect(text[0]).toContain('15/02/2023 alle 11:00');
  });

  it('explains the method: the three sources, the reference date, what "lavoratori potenziali" means', () => {
    const method = text[1];
    expect(method).toContain('Metodo');
    for (const s of ['calcolato dal servizio', 'dichiarato dal RTD', "importato dall'ufficio personale"]) expect(method).toContain(s);
    expect(method).toContain('Lavoratori potenziali');
    const effective = input.report.indicators.find((i) => i.id === 'effective_remote_workers_pct')!;
    const definition = effective.denominatorDefinition!.replace(/^lavoratori potenziali: /, '');
    expect(method.replace(/\s/g, '')).toContain(`Lavoratoripotenziali:${definition.replace(/\s/g, '')}`);
  });

  it('names every indicator of Part 4 in its group, with Italian numbers and statuses', () => {
    const flat = all.replace(/\s/g, '');
    for (const i of input.report.indicators) expect(flat).toContain(i.name.replace(/\s/g, ''));
    for (const g of ['Salute organizzativa', 'Salute professionale', 'Salute economico-finanziaria', 'Salute digitale', 'Attuazione lavoro agile']) {
      expect(all).toContain(g);
    }
    expect(all).toContain('160.123,45 €');
    expect(all).toContain('2.750,50 €');
    expect(all).toContain('97,7%');
    expect(all).toContain('<18%');
    expect(all).toContain('Attivare rilevazione');
    for (const s of ['raggiunto', 'in linea', 'in ritardo', 'non raggiunto', 'senza obiettivo', 'azione richiesta', 'dati mancanti']) expect(all).toContain(s);
  });

  it('draws the yearly charts and notes the declared values and the indicators without data', () => {
    expect(all).toContain('Portatili per il lavoro agile al 31 dicembre di ogni anno');
    expect(all).toContain('Baseline 2020: 236');
    expect(all).toContain('Obiettivo POLA');
    expect(all.replace(/\s/g, '')).toContain(DECLARED_NOTE.replace(/\s/g, ''));
    expect(all).toContain('Indicatori senza valore');
    expect(all).toContain("Nessun valore dichiarato dal RTD per l'anno");
    expect(all).toContain('Totali importati per 10 mesi su 12');
  });

  it('numbers its pages "Pagina N di M" and leaves no blank page', () => {
    expect(text[0]).toContain(`Pagina 1 di ${text.length}`);
    text.forEach((t, i) => expect(t).toContain(`Pagina ${i + 1} di ${text.length}`));
    // every page carries more than its footer
    for (const t of text)
      expect(t.replace(/Comune di Prato - Monitoraggio POLA 2022 \(al 31\/12\/2022\)|Pagina \d+ di \d+/g, '').trim().length).toBeGreaterThan(40);
  });

  it('is the same bytes for the same report', async () => {
    expect((await renderPolaPdf(input)).equals(bytes)).toBe(true);
  });
});
