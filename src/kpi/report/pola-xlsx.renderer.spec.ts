import ExcelJS from 'exceljs';
import { DECLARED_NOTE, polaDocumentInput } from '../../../test/fixtures/pola-report';
import { POLA_INDICATOR_IDS } from '../domain/pola-types';
import { renderPolaXlsx, XLSX_SHEETS } from './pola-xlsx.renderer';

describe('the yearly POLA document as XLSX', () => {
  const input = polaDocumentInput();
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const bytes = await renderPolaXlsx(input);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  });

  /** A sheet's rows as objects keyed by the Italian header. */
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const out: { cells: Record<string, unknown>; cell: (header: string) => ExcelJS.Cell }[] = [];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      out.push({ cells: Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])), cell: (h) => row.getCell(headers.indexOf(h) + 1) });
    });
    return { ws, headers, rows: out };
  };

  it('has the sheets, each with a frozen Italian header row', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...XLSX_SHEETS]);
    for (const name of ['Indicatori', 'Note', 'Operativi', 'Serie annuale']) {
      expect(wb.getWorksheet(name)!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(rows('Indicatori').headers.slice(0, 6)).toEqual(['Dimensione', 'Fattore', 'Codice', 'Indicatore', 'Unità', 'Fonte']);
  });

  it('lists the 22 indicators with their group, numbers as numbers with the unit format', () => {
    const { rows: list } = rows('Indicatori');
    expect(list).toHaveLength(22);
    expect(list.map((r) => r.cells.Codice)).toEqual([...POLA_INDICATOR_IDS]);
    const of = (id: string) => list.find((r) => r.cells.Codice === id)!;
    const investment = of('digitalisation_investment_eur');
    expect(investment.cells).toMatchObject({
      Dimensione: 'Condizioni abilitanti del lavoro agile',
      Fattore: 'Salute economico-finanziaria',
      Valore: 160123.45,
      'Obiettivo 2022 (testo del piano)': '150.000 €',
      'Obiettivo 2022 (numero)': 150000,
      Stato: 'in ritardo',
      Fonte: 'calcolato dal servizio',
    });
    expect(investment.cell('Valore').numFmt).toBe('#,##0.00" €"');
    const equipped = of('remote_workers_equipped_with_devices_and_data_pct');
    expect(equipped.cells).toMatchObject({ Valore: 97.7, Numeratore: 598, Denominatore: 612 });
    expect(equipped.cell('Valore').numFmt).toBe('0.0"%"');
    expect(equipped.cell('Numeratore').numFmt).toBe('#,##0');
    expect(of('absence_days_pct').cells).toMatchObject({ 'Obiettivo 2022 (testo del piano)': '<18%', 'Obiettivo 2022 (numero)': 18, Valore: 17 });
    expect(of('managers_satisfied_pct').cells).toMatchObject({ 'Baseline (testo del piano)': 'non rilevata', Stato: 'azione richiesta', Valore: null });
    expect(of('coordination_present').cells).toMatchObject({ Valore: 'presente', Fattore: 'Salute organizzativa' });
    expect(of('absence_days_pct').cells).toMatchObject({ Dimensione: 'Performance organizzativa', Fattore: null });
  });

  it('keeps the declared values with their evidence, and the indicators without a value, in "Note"', () => {
    const { rows: list } = rows('Note');
    const coordination = list.find((r) => r.cells.Codice === 'coordination_present' && r.cells.Tipo === 'Valore dichiarato')!;
    expect(coordination.cells).toMatchObject({ Nota: DECLARED_NOTE, 'Dichiarato da': 'Responsabile Transizione Digitale', Valore: 'presente' });
    expect(coordination.cells['Dichiarato il']).toEqual(new Date('2023-01-20T00:00:00Z'));
    expect(coordination.cell('Dichiarato il').numFmt).toBe('dd/mm/yyyy');
    expect(list.filter((r) => r.cells.Tipo === 'Senza valore').map((r) => r.cells.Codice)).toEqual([
      'management_by_objectives_present',
      'databases_reachable_remotely_pct',
      'managers_satisfied_pct',
    ]);
  });

  it('has the operational indicators and the yearly series of the charts', () => {
    expect(rows('Operativi').rows.map((r) => [r.cells.Codice, r.cells.Valore])).toEqual([
      ['equipment_distributed', 180],
      ['agreements_in_force_vs_eligible_pct', 94.2],
    ]);
    const series = rows('Serie annuale').rows.map((r) => r.cells);
    expect(series.map((p) => [p.Anno, p['Portatili per il lavoro agile'], p['Obiettivo portatili']])).toEqual([
      [2020, 236, null],
      [2021, 290, 300],
      [2022, 336, 350],
    ]);
    expect(series[2]['Data di riferimento']).toEqual(new Date('2022-12-31T00:00:00Z'));
    const info = rows('Informazioni').rows.map((r) => r.cells);
    expect(info[0]).toEqual({ Voce: 'Comune', Contenuto: 'Comune di Prato' });
  });
});
