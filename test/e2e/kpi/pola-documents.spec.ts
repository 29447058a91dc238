import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { FixedClock } from '../../../src/common/clock';
import { POLA_INDICATOR_IDS } from '../../../src/kpi/domain/pola-types';
import { createActivity, createAgreementInForce, createEmployee, createManager, createService, linkActivities } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { binaryParser, pdfText } from '../inventory/inventory-fixtures';

/**
 * The yearly POLA document (issue 14) through HTTP: PDF, XLSX and CSV of 2022 from a few real records (agreements,
 * a purchase, a declared value, HR totals), read back as text, cells and rows. Today is 15 February 2023.
 *
 *   service PA: manager m1; eligible w1-w3; agreements in force from 2022-01-10 for w1, w2 → effective 2/3
 *   purchase 2022-06-01: firewall 10.000 € (hardware and infrastructure)
 *   declared: coordination present, with its evidence note; HR: January and February 2022
 */
const NOTE = 'Delibera di Giunta n. 12/2022 sul coordinamento del lavoro agile';

describe('the yearly POLA document: PDF, XLSX and CSV', () => {
  const clock = new FixedClock(new Date('2023-02-15T09:00:00Z'));
  let t: TestApp;
  let rtd: string;
  const get = (path: string, token = rtd) => t.http().get(path).set(auth(token)).buffer(true).parse(binaryParser);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    rtd = await t.tokenFor('rtd', 'Responsabile Transizione Digitale');
    const hr = await t.tokenFor('hr', 'Ufficio Personale');
    const tech = await t.tokenFor('technician', 'Luca Bianchi');
    const ds = t.dataSource;
    const pa = await createService(ds, { code: 'PA', name: 'Servizio Personale' });
    const remote = await createActivity(ds, pa, { mode: 'partially_remote' });
    const m1 = await createManager(ds, pa.id);
    const w: { id: string; serviceId: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const e = await createEmployee(ds, { serviceId: pa.id });
      await linkActivities(ds, e.id, [remote.id]);
      w.push(e);
    }
    for (const e of w.slice(0, 2)) {
      await createAgreementInForce(ds, e, { startDate: '2022-01-10', today: '2022-01-10', safetyNoticeDeliveredOn: '2022-01-10', managerSignerId: m1.id });
    }
    await t
      .http()
      .post('/api/v1/purchases')
      .set(auth(tech))
      .send({ date: '2022-06-01', supplier: 'Italware S.r.l.', description: 'Firewall con VPN SSL', category: 'network_security', amountCents: 1_000_000 })
      .expect(201);
    await t.http().put('/api/v1/kpi/declared/2022/coordination_present').set(auth(rtd)).send({ value: true, note: NOTE }).expect(200);
    const csv = ['anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza', '2022;1;PA;200;60;30', '2022;2;PA;200;70;40', ''].join('\n');
    await t.http().post('/api/v1/kpi/attendance/import').set(auth(hr)).set('Content-Type', 'text/csv').send(csv).expect(200);
  });
  afterAll(() => t.close());

  const names = async () => {
    const body = (await t.http().get('/api/v1/kpi/pola?year=2022').set(auth(rtd)).expect(200)).body as { indicators: { name: string }[] };
    return body.indicators.map((i) => i.name);
  };

  it('PDF: a download in Italian with the cover, every indicator, the declared note and page numbers', async () => {
    const res = await get('/api/v1/kpi/pola.pdf?year=2022').expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicatori-pola-2022.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('COMUNE DI PRATO');
    expect(text).toContain('Anno 2022');
    expect(text).toContain('31/12/2022');
    expect(text).toContain('15/02/2023 alle 10:00');
    const flat = text.replace(/\s/g, '');
    for (const name of await names()) expect(flat).toContain(name.replace(/\s/g, ''));
    expect(flat).toContain(NOTE.replace(/\s/g, ''));
    expect(text).toContain('10.000,00 €');
    expect(text).toMatch(/Pagina 1 di \d+/);
  });

  it('XLSX: the 22 indicators with numbers as numbers, the declared note, the series', async () => {
    const res = await get('/api/v1/kpi/pola.xlsx?year=2022').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicatori-pola-2022.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const ws = wb.getWorksheet('Indicatori')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => n > 1 && rows.set(row.getCell(col('Codice')).value as string, row));
    expect([...rows.keys()]).toEqual([...POLA_INDICATOR_IDS]);
    const hardware = rows.get('hardware_and_digital_infrastructure_investment_eur')!;
    expect(hardware.getCell(col('Valore')).value).toBe(10_000);
    expect(hardware.getCell(col('Obiettivo 2022 (testo del piano)')).value).toBe('50.000 €');
    expect(rows.get('effective_remote_workers_pct')!.getCell(col('Valore')).value).toBeCloseTo(66.7, 1);
    expect(rows.get('absence_days_pct')!.getCell(col('Valore')).value).toBe(17.5);
    const notes: unknown[] = [];
    wb.getWorksheet('Note')!.eachRow((row) => notes.push(row.getCell(5).value));
    expect(notes).toContain(NOTE);
    expect(wb.getWorksheet('Serie annuale')!.rowCount).toBeGreaterThan(1);
  });

  it('CSV: semicolons, BOM, Italian headers, the 22 and then the operational indicators', async () => {
    const res = await get('/api/v1/kpi/pola.csv?year=2022').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="indicatori-pola-2022.csv"');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFAnno;Data di riferimento;Dimensione;')).toBe(true);
    const rows: Record<string, string>[] = parse(text, { bom: true, delimiter: ';', columns: true });
    expect(rows.slice(0, 22).map((r) => r.Codice)).toEqual([...POLA_INDICATOR_IDS]);
    expect(rows.length).toBeGreaterThan(22);
    expect(rows.find((r) => r.Codice === 'coordination_present')).toMatchObject({
      Valore: 'presente',
      Stato: 'raggiunto',
      'Nota di evidenza': NOTE,
      'Dichiarato da': 'Responsabile Transizione Digitale',
    });
    expect(rows.find((r) => r.Codice === 'absence_days_pct')).toMatchObject({ Valore: '17,5', Obiettivo: '<18%', Numeratore: '70', Denominatore: '400' });
  });

  it('refuses bad years and roles other than the RTD (and admin)', async () => {
    for (const ext of ['pdf', 'xlsx', 'csv']) {
      expect((await t.http().get(`/api/v1/kpi/pola.${ext}?year=dueMila`).set(auth(rtd)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await t.http().get(`/api/v1/kpi/pola.${ext}?year=2024`).set(auth(rtd)).expect(422)).body.error.code).toBe('KPI_YEAR_IN_FUTURE');
      await t
        .http()
        .get(`/api/v1/kpi/pola.${ext}?year=2022`)
        .set(auth(await t.tokenFor('hr')))
        .expect(403);
    }
    await get('/api/v1/kpi/pola.csv?year=2022', t.adminToken).expect(200);
  });
});
