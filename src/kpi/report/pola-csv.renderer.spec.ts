import { parse } from 'csv-parse/sync';
import { DECLARED_NOTE, polaDocumentInput } from '../../../test/fixtures/pola-report';
import { polaCatalogEntry } from '../domain/pola-catalog';
import { POLA_INDICATOR_IDS } from '../domain/pola-types';
import { OPERATIONAL_DIMENSION, POLA_DOCUMENT_CSV_HEADERS, renderPolaCsv } from './pola-csv.renderer';

describe('the yearly POLA document as CSV', () => {
  const input = polaDocumentInput();
  const text = renderPolaCsv(input);
  const rows: Record<string, string>[] = parse(text, { bom: true, delimiter: ';', columns: true });
  const row = (id: string) => rows.find((r) => r.Codice === id)!;

  it('the fixture covers every target kind and every status', () => {
    const kinds = new Set(input.report.indicators.flatMap((i) => [i.target?.kind ?? 'empty', i.baseline?.kind ?? 'empty']));
    expect([...kinds].sort()).toEqual(['action', 'bound', 'empty', 'not_defined', 'not_measured', 'number', 'presence']);
    expect(new Set(input.report.indicators.map((i) => i.status))).toEqual(
      new Set(['met', 'on_track', 'behind', 'not_met', 'no_target', 'action_required', 'no_data']),
    );
  });

  it('is UTF-8 with a BOM, semicolon-separated with CRLF, with Italian headers', () => {
    expect(text.startsWith('\uFEFFAnno;Data di riferimento;Dimensione;Fattore;Codice;Indicatore;Unità;')).toBe(true);
    expect(text.slice(1).split('\r\n')[0].split(';')).toEqual([...POLA_DOCUMENT_CSV_HEADERS]);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('lists the 22 indicators in the plan order, then the operational ones', () => {
    expect(rows.slice(0, 22).map((r) => r.Codice)).toEqual([...POLA_INDICATOR_IDS]);
    expect(rows.slice(22).map((r) => [r.Codice, r.Dimensione])).toEqual([
      ['equipment_distributed', OPERATIONAL_DIMENSION],
      ['agreements_in_force_vs_eligible_pct', OPERATIONAL_DIMENSION],
    ]);
    expect(row('agreements_in_force_vs_eligible_pct')).toMatchObject({ Valore: '94,2', Obiettivo: '90', Stato: 'raggiunto', Numeratore: '612' });
  });

  it('writes numbers with a decimal comma, targets as the plan writes them, statuses and sources in Italian', () => {
    expect(row('laptops_for_remote_work')).toMatchObject({
      Anno: '2022',
      'Data di riferimento': '31/12/2022',
      Dimensione: 'Condizioni abilitanti del lavoro agile',
      Fattore: 'Salute digitale',
      Indicatore: polaCatalogEntry('laptops_for_remote_work').name,
      Baseline: '236',
      'Anno baseline': '2020',
      Obiettivo: '350',
      Valore: '336',
      Fonte: 'calcolato dal servizio',
    });
    expect(row('digitalisation_investment_eur')).toMatchObject({ Valore: '160123,45', Stato: 'in ritardo', Obiettivo: '150.000 €', 'Valore atteso': '150000' });
    expect(row('absence_days_pct')).toMatchObject({ Obiettivo: '<18%', Baseline: '18,77%', Fonte: "importato dall'ufficio personale" });
    expect(row('absence_days_pct').Nota).toBe('Totali importati per 10 mesi su 12');
    expect(row('managers_satisfied_pct')).toMatchObject({ Baseline: 'non rilevata', Obiettivo: 'Attivare rilevazione', Stato: 'azione richiesta', Valore: '' });
    expect(row('effective_remote_workers_pct')).toMatchObject({ Obiettivo: 'n.d', Stato: 'senza obiettivo' });
    expect(row('managers_trained_remote_leadership_pct').Obiettivo).toBe('');
  });

  it('carries the declared values with who, when and the evidence note, and says why a value is missing', () => {
    expect(row('coordination_present')).toMatchObject({
      Valore: 'presente',
      Fonte: 'dichiarato dal RTD',
      'Dichiarato da': 'Responsabile Transizione Digitale',
      'Dichiarato il': '20/01/2023',
      'Nota di evidenza': DECLARED_NOTE,
      Stato: 'raggiunto',
    });
    expect(row('monitoring_present')).toMatchObject({ Valore: 'assente', Stato: 'non raggiunto' });
    expect(row('databases_reachable_remotely_pct')).toMatchObject({ Valore: '', Stato: 'dati mancanti', Nota: "Nessun valore dichiarato dal RTD per l'anno" });
  });

  it('guards text cells against spreadsheet formulas', () => {
    const evil = polaDocumentInput();
    evil.report.indicators[0].declared!.note = '=HYPERLINK("http://x")';
    const parsed: Record<string, string>[] = parse(renderPolaCsv(evil), { bom: true, delimiter: ';', columns: true });
    expect(parsed[0]['Nota di evidenza']).toBe('\'=HYPERLINK("http://x")');
  });
});
