import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { FixedClock } from '../../../src/common/clock';
import { POLA_INDICATOR_IDS } from '../../../src/kpi/domain/pola-types';
import { binaryParser, pdfText } from '../inventory/inventory-fixtures';
import { runDemo } from '../../../scripts/demo/demo-runner';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The demo municipality (`npm run demo`) built into a test database through the same function, then read back
 * through the indicators' API: the seed's figures must come out — 594 eligible, the 2020 baseline of 236 laptops
 * for remote work, 548 agreements at the end of 2020, the emergency's 148 / 130 / 200 — and a second run must
 * write nothing. The full run takes a minute or two: the one slow test of the KPI feature.
 */
jest.setTimeout(600_000);

type Indicator = {
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string | null;
  details: Record<string, number>;
};

describe('the demo municipality (Comune di Prato, POLA 2021-2023)', () => {
  const now = new Date('2026-11-27T10:00:00Z');
  const clock = new FixedClock(now);
  let t: TestApp;
  let rtd: string;
  let firstRun: Awaited<ReturnType<typeof runDemo>>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    rtd = await t.tokenFor('rtd');
    firstRun = await runDemo(t.app, clock, { now });
  });
  afterAll(() => t.close());

  it('reads the 2020 baseline of 236 laptops for remote work, and 594 eligible employees', async () => {
    const res = await t.http().get('/api/v1/kpi/pola?year=2020').set(auth(rtd)).expect(200);
    const pick = (id: string) => (res.body.operational as Indicator[]).find((i) => i.id === id)!;
    type Part4 = { id: string; value: { value: number } | null; baseline: { value: number } | null; numerator: number | null; denominator: number | null };
    const part4 = (id: string) => (res.body.indicators as Part4[]).find((i) => i.id === id)!;
    expect(part4('laptops_for_remote_work')).toMatchObject({ value: { value: 236 }, baseline: { value: 236 } });
    expect(pick('agreements_in_force_vs_eligible_pct')).toMatchObject({ numerator: 548, denominator: 594 });
    expect(part4('effective_remote_workers_pct')).toMatchObject({ numerator: 548, denominator: 594, value: { value: 92.3 } });
    expect(part4('remote_workers_equipped_with_devices_and_data_pct')).toMatchObject({ value: { value: 95.1 }, numerator: 521, denominator: 548 });
    // device lots (30.000 € in 2020) plus any hardware purchase of the demo
    expect(part4('hardware_and_digital_infrastructure_investment_eur').value!.value).toBeGreaterThanOrEqual(30_000);
    const equipment = pick('equipment_distributed') as Indicator & { breakdown: { key: string; values: Record<string, number> }[] };
    const firstPeriod = equipment.breakdown.filter((r) => r.key === '2020-03' || r.key === '2020-04');
    const sum = (kind: string) => firstPeriod.reduce((s, r) => s + r.values[kind], 0);
    expect([sum('laptop'), sum('webcam'), sum('headset')]).toEqual([148, 130, 200]);
  });

  it('follows a realistic path toward the 300 / 350 / 400 targets', async () => {
    const res = await t.http().get('/api/v1/kpi/series?from=2020&to=2023').set(auth(rtd)).expect(200);
    expect(
      res.body.points.map((p: { year: number; laptops: number; laptopsTarget: number | null; laptopsStatus: string | null }) => [
        p.year,
        p.laptops,
        p.laptopsTarget,
        p.laptopsStatus,
      ]),
    ).toEqual([
      [2020, 236, null, null],
      [2021, 303, 300, 'met'],
      [2022, 344, 350, 'behind'],
      [2023, 401, 400, 'met'],
    ]);
    expect(firstRun.plan.expected.laptopsByYear).toMatchObject({ 2020: 236, 2021: 303, 2022: 344, 2023: 401 });
  });

  it('runs the VPN today: accounts on three gateways of the employees’ profile, certificates expiring, revocations', async () => {
    const res = await t.http().get('/api/v1/kpi/pola').set(auth(rtd)).expect(200);
    type Row = { key: string; values: Record<string, number> };
    const pick = (id: string) => (res.body.operational as (Indicator & { breakdown: Row[] })[]).find((i) => i.id === id)!;
    const vpn = pick('vpn_accounts_open');
    expect(Object.fromEntries(vpn.breakdown.filter((r) => r.values.accounts > 0).map((r) => [r.key, r.values.accounts]))).toEqual({
      requested: 4,
      active: 618,
      suspended: 6,
      revoked: 12,
    });
    expect(vpn).toMatchObject({ numerator: 628, denominator: 640 });
    const gateways = pick('vpn_gateway_expected_load_pct').breakdown;
    expect(gateways.map((g) => g.key)).toEqual(['vpn1', 'vpn2', 'vpn3', 'vpn-tecnici']);
    expect(gateways.every((g) => g.values.expectedSessions > 0 && g.values.expectedSessions < g.values.capacity)).toBe(true);
    // the two oldest fortnightly batches (343 and 357 days ago) expire within 30 days
    expect(pick('certificates_expiring_within_30_days')).toMatchObject({ value: 44, denominator: 618 });
    const load = await t.http().get('/api/v1/vpn/gateways/load').set(auth(rtd)).expect(200);
    expect(load.body.totals.expectedPeakSessions).toBe(pick('vpn_gateway_expected_load_pct').numerator);
  });

  it('has the seed’s people and activities: 927 employees in 23 services, 676 activities', async () => {
    const counts: { n: string | number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM employees WHERE employee_number LIKE 'DEMO-%'`);
    expect(Number(counts[0].n)).toBe(927);
    const summary = await t.http().get('/api/v1/activities/summary').set(auth(t.adminToken)).expect(200);
    expect(JSON.stringify(summary.body)).toContain('676');
    expect(firstRun.population.matches).toHaveLength(23);
    expect(firstRun.population.matches.filter((m) => m.ambiguous).map((m) => `${m.headcountName} → ${m.code}`)).toEqual([
      'Comunicazione e partecipazione → UH',
    ]);
  });

  it('gives the Part 4 report of 2021, 2022 and 2023 a value for every one of the 22 indicators', async () => {
    for (const year of [2021, 2022, 2023]) {
      const res = await t.http().get(`/api/v1/kpi/pola?year=${year}`).set(auth(rtd)).expect(200);
      const indicators = res.body.indicators as { id: string; value: unknown }[];
      expect(indicators.map((i) => i.id)).toEqual([...POLA_INDICATOR_IDS]);
      expect({ year, withoutValue: indicators.filter((i) => i.value === null).map((i) => i.id) }).toEqual({ year, withoutValue: [] });
    }
  });

  it('produces the 2022 document from the demo: the PDF names every indicator, the XLSX and the CSV carry the API values', async () => {
    const api = (await t.http().get('/api/v1/kpi/pola?year=2022').set(auth(rtd)).expect(200)).body as {
      indicators: { id: string; name: string; value: { kind: string; value?: number } | null }[];
    };
    const get = (path: string) => t.http().get(path).set(auth(rtd)).buffer(true).parse(binaryParser).expect(200);
    const flat = (await pdfText((await get('/api/v1/kpi/pola.pdf?year=2022')).body as Buffer)).replace(/\s/g, '');
    for (const i of api.indicators) expect(flat).toContain(i.name.replace(/\s/g, ''));
    expect(flat).toContain('Pagina1di');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get('/api/v1/kpi/pola.xlsx?year=2022')).body as ArrayBuffer);
    const ws = wb.getWorksheet('Indicatori')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (h: string) => headers.indexOf(h) + 1;
    const cells = new Map<string, unknown>();
    ws.eachRow((row, n) => n > 1 && cells.set(row.getCell(col('Codice')).value as string, row.getCell(col('Valore')).value));
    expect([...cells.keys()]).toEqual([...POLA_INDICATOR_IDS]);
    for (const i of api.indicators) if (i.value?.kind === 'number') expect(cells.get(i.id)).toBeCloseTo(i.value.value!, 2);

    const csv = ((await get('/api/v1/kpi/pola.csv?year=2022')).body as Buffer).toString('utf8');
    const rows: Record<string, string>[] = parse(csv, { bom: true, delimiter: ';', columns: true });
    expect(rows.slice(0, 22).map((r) => r.Codice)).toEqual([...POLA_INDICATOR_IDS]);
    const laptops = api.indicators.find((i) => i.id === 'laptops_for_remote_work')!.value!.value!;
    expect(rows.find((r) => r.Codice === 'laptops_for_remote_work')!.Valore).toBe(String(laptops));
  });

  it('is idempotent: a second run writes nothing, not even an audit event', async () => {
    // Offboarding jobs recorded by the demo's withdrawals and leavers run in the background meanwhile: count
    // what the demo itself writes (its actors, and the agreement sweep it runs).
    const demoEvents = async () =>
      Number(
        (
          await t.dataSource.query<{ n: string | number }[]>(
            `SELECT COUNT(*) AS n FROM audit_events WHERE actor LIKE 'demo-%' OR action IN ('agreement.expire', 'agreement.activate', 'agreement.withdrawal_effective')`,
          )
        )[0].n,
      );
    const before = await demoEvents();
    expect(before).toBeGreaterThan(4_500);
    const again = await runDemo(t.app, clock, { now });
    expect(again.written).toEqual({});
    expect(await demoEvents()).toBe(before);
    const verify = await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200);
    expect(verify.body.ok).toBe(true);
  });
});
