import { FixedClock } from '../../../src/common/clock';
import { createActivity, createAgreementInForce, createEmployee, createManager, createService, linkActivities } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { configDirWithTargets, InventoryDriver } from './kpi-fixtures';

/**
 * A small municipality lived through 2021 and the start of 2022 with the real services (the test clock moves
 * through the dates), then the indicators are read for 2020, 2021 (31 December) and 2022 (today, 15 March).
 *
 *   e1 (A) agreement from 2021-01-10; laptop 2021-02-01, kept; home broadband     → counted, equipped
 *   e2 (A) agreement 2021-01-10 → 2021-06-30; laptop 2021-02-01, returned 2022-01-20 → held in 2021 but no agreement
 *   e3 (B) agreement from 2021-03-01; laptop 2021-03-01 returned 2021-09-01, a new one 2021-10-01 and a router
 *   e4 (B) agreement from 2021-05-01; personal laptop declared, no data connection → not equipped
 *   e5 (B) eligible, headset + webcam 2021-04-12 (not gated); agreement from 2022-02-01 and a laptop 2022-02-10
 *   e6 (A) not eligible; headset 2021-04-12; webcam 2022-03-01
 *   e7 (A) agreement from 2021-01-10, laptop 2021-02-01; withdrawn and deactivated 2021-11-15, laptop not returned
 *
 * Laptops, equipped workers and hardware investment are Part 4 indicators (`indicators`, typed targets from
 * pola-targets.tsv); the others are the operational ones (`operational`, targets from kpi-targets.tsv).
 */
const TARGETS = [
  'year\tkind\tlaptops_for_remote_work\tremote_workers_equipped_with_devices_and_data_pct\thardware_and_digital_infrastructure_investment_eur',
  '2020\tbaseline\t0\t50\t1000',
  '2021\ttarget\t2\t100\t5000',
  '2022\ttarget\t4\t100\t2000',
  '',
].join('\n');
/** The same figures, as pola-targets.tsv writes them. */
const POLA_TARGETS = {
  laptops_for_remote_work: ['2020', '0', '2', '4', ''],
  remote_workers_equipped_with_devices_and_data_pct: ['2020', '50%', '100%', '100%', ''],
  hardware_and_digital_infrastructure_investment_eur: ['2020', '1.000 €', '5.000 €', '2.000 €', ''],
};

type Indicator = {
  id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  expected: number | null;
  status: string | null;
  breakdown: { key: string; values: Record<string, number> }[];
  details: Record<string, unknown>;
};
type Part4 = {
  id: string;
  value: { kind: string; value?: number } | null;
  numerator: number | null;
  denominator: number | null;
  target: { kind: string; value?: number; text: string } | null;
  baseline: { kind: string; value?: number; text: string } | null;
  expected: number | null;
  status: string;
};
const pick = (body: { operational: Indicator[] }, id: string) => body.operational.find((i) => i.id === id)!;
const part4 = (body: { indicators: Part4[] }, id: string) => body.indicators.find((i) => i.id === id)!;

describe('POLA indicators over a year of real handovers, agreements and lots', () => {
  const clock = new FixedClock(new Date('2021-01-05T09:00:00Z'));
  let t: TestApp;
  let rtd: string;
  const at = (iso: string) => clock.set(`${iso}T09:00:00Z`);

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { CONFIG_DIR: configDirWithTargets(TARGETS, POLA_TARGETS) } });
    rtd = await t.tokenFor('rtd');
    const ds = t.dataSource;
    const inv = new InventoryDriver(t, await t.tokenFor('technician', 'Luca Bianchi'));
    const [a, b] = [await createService(ds, { code: 'KA', name: 'Servizio A' }), await createService(ds, { code: 'KB', name: 'Servizio B' })];
    const remoteA = await createActivity(ds, a, { mode: 'partially_remote' });
    const remoteB = await createActivity(ds, b, { mode: 'fully_remote' });
    const officeA = await createActivity(ds, a, { mode: 'in_presence' });
    const [managerA, managerB] = [await createManager(ds, a.id), await createManager(ds, b.id)];
    const person = async (service: typeof a, activityId: string) => {
      const e = await createEmployee(ds, { serviceId: service.id });
      await linkActivities(ds, e.id, [activityId]);
      return e;
    };
    const [e1, e2, e7] = [await person(a, remoteA.id), await person(a, remoteA.id), await person(a, remoteA.id)];
    const [e3, e4, e5] = [await person(b, remoteB.id), await person(b, remoteB.id), await person(b, remoteB.id)];
    const e6 = await person(a, officeA.id);
    const agreement = (e: typeof e1, manager: string, startDate: string, endDate: string | null = null) =>
      createAgreementInForce(ds, e, {
        startDate,
        endDate,
        today: startDate,
        safetyNoticeDeliveredOn: startDate,
        managerSignerId: manager,
        overrides: { employeeSignedAt: '2021-01-05T08:00:00.000Z', managerSignedAt: '2021-01-05T08:30:00.000Z' },
      });
    await agreement(e1, managerA.id, '2021-01-10');
    await agreement(e2, managerA.id, '2021-01-10', '2021-06-30');
    const a7 = await agreement(e7, managerA.id, '2021-01-10');
    await agreement(e3, managerB.id, '2021-03-01');
    await agreement(e4, managerB.id, '2021-05-01');

    const laptopModel = await inv.model('laptop');
    const routerModel = await inv.model('mobile_router');
    const headsetModel = await inv.model('headset');
    const webcamModel = await inv.model('webcam');
    const laptops = await inv.lot(laptopModel, 10, 70_000, '2021-01-20'); // 7,000.00 €
    const routers = await inv.lot(routerModel, 5, 9_000, '2021-09-20'); // 450.00 €
    const headsets = await inv.lot(headsetModel, 20, 1_500, '2020-12-20'); // 300.00 €, in 2020
    const webcams = await inv.lot(webcamModel, 10, 4_000, '2022-02-01'); // 400.00 €, in 2022
    const laptop = () => inv.asset(laptopModel, laptops);

    at('2021-02-01');
    const [l1, l2, l7] = [await laptop(), await laptop(), await laptop()];
    await inv.handover(e1.id, [l1]);
    const h2 = await inv.handover(e2.id, [l2]);
    await inv.handover(e7.id, [l7]);
    await inv.declare(e1.id, 'broadband');
    at('2021-03-01');
    const l3 = await laptop();
    const h3 = await inv.handover(e3.id, [l3]);
    at('2021-04-12');
    await inv.handover(e5.id, [await inv.asset(headsetModel, headsets), await inv.asset(webcamModel, webcams)]);
    await inv.handover(e6.id, [await inv.asset(headsetModel, headsets)]);
    at('2021-05-03');
    await inv.declare(e4.id, 'laptop');
    at('2021-09-01');
    await inv.returnLaptop(h3, l3);
    at('2021-10-01');
    await inv.handover(e3.id, [await laptop(), await inv.asset(routerModel, routers)]);
    at('2021-11-15');
    // The employer withdraws for justified cause and the employee leaves the same day, keeping the laptop.
    await ds.query(`UPDATE agreements SET state = 'withdrawn', withdrawal_effective_date = '2021-11-15', ended_on = '2021-11-15' WHERE id = '${a7.id}'`);
    await t.http().patch(`/api/v1/employees/${e7.id}`).set(auth(t.adminToken)).send({ version: 1, active: false, deactivationReason: 'resigned' }).expect(200);
    at('2022-01-20');
    await inv.returnLaptop(h2, l2);
    at('2022-02-01');
    await agreement(e5, managerB.id, '2022-02-01');
    at('2022-02-10');
    await inv.handover(e5.id, [await laptop()]);
    at('2022-03-01');
    await inv.handover(e6.id, [await inv.asset(webcamModel, webcams)]);
    clock.set('2022-03-15T10:00:00Z');
  });
  afterAll(() => t.close());

  it('2021, measured on 31 December: laptops, equipped workers, investment and their status', async () => {
    const res = await t.http().get('/api/v1/kpi/pola?year=2021').set(auth(rtd)).expect(200);
    expect(res.body).toMatchObject({ year: 2021, referenceDate: '2021-12-31', cutoff: '2021-12-31T23:00:00.000Z', current: false });
    expect(part4(res.body, 'laptops_for_remote_work')).toMatchObject({
      value: { kind: 'number', value: 2 },
      numerator: 2,
      target: { kind: 'number', value: 2 },
      baseline: { kind: 'number', value: 0 },
      status: 'met',
    });
    expect(part4(res.body, 'remote_workers_equipped_with_devices_and_data_pct')).toMatchObject({
      value: { kind: 'number', value: 66.7 },
      numerator: 2,
      denominator: 3,
      target: { kind: 'number', value: 100, text: '100%' },
      status: 'behind',
    });
    expect(part4(res.body, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({
      value: { kind: 'number', value: 7450 },
      target: { kind: 'number', value: 5000, text: '5.000 €' },
      status: 'met',
    });
    expect(res.body.operational.map((i: Indicator) => i.id)).not.toContain('laptops_for_remote_work');
    const equipment = pick(res.body, 'equipment_distributed');
    expect(equipment).toMatchObject({ value: 8, details: { laptop: 5, webcam: 1, headset: 2 } });
    expect(Object.fromEntries(equipment.breakdown.map((r) => [r.key, r.values]))).toMatchObject({
      '2021-02': { laptop: 3, webcam: 0, headset: 0 },
      '2021-03': { laptop: 1, webcam: 0, headset: 0 },
      '2021-04': { laptop: 0, webcam: 1, headset: 2 },
      '2021-10': { laptop: 1, webcam: 0, headset: 0 },
      '2021-12': { laptop: 0, webcam: 0, headset: 0 },
    });
  });

  it('2021: agreements in force against eligible employees by service, and the leaver who kept a laptop', async () => {
    const res = await t.http().get('/api/v1/kpi/pola?year=2021').set(auth(rtd)).expect(200);
    const agreements = pick(res.body, 'agreements_in_force_vs_eligible_pct');
    // eligible and active on 31/12/2021: e1, e2 (A); e3, e4, e5 (B) — e7 had left
    expect(agreements).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
    expect(agreements.breakdown.map((r) => [r.key, r.values])).toEqual([
      ['KA', { inForce: 1, eligible: 2, pct: 50 }],
      ['KB', { inForce: 2, eligible: 3, pct: 66.7 }],
    ]);
    expect(pick(res.body, 'leavers_holding_equipment')).toMatchObject({ value: 1, numerator: 1, denominator: 1, details: { assetsHeld: 1 } });
    expect(pick(res.body, 'certificates_expiring_within_30_days')).toMatchObject({ value: 0, denominator: 0 });
  });

  it('2022 so far (15 March): the year is running, so the laptops are on track but not met', async () => {
    const res = await t.http().get('/api/v1/kpi/pola?year=2022').set(auth(rtd)).expect(200);
    expect(res.body).toMatchObject({ referenceDate: '2022-03-15', cutoff: '2022-03-15T10:00:00.000Z', current: true });
    // e1, e3 and e5 hold laptops with agreements in force: 3; the line from 0 (end 2020) to 4 (end 2022) stands at 2.41
    expect(part4(res.body, 'laptops_for_remote_work')).toMatchObject({
      value: { kind: 'number', value: 3 },
      target: { kind: 'number', value: 4 },
      expected: 2.41,
      status: 'on_track',
    });
    expect(part4(res.body, 'remote_workers_equipped_with_devices_and_data_pct')).toMatchObject({ value: { value: 50 }, numerator: 2, denominator: 4 });
    // 400 € against 2,000 € × 74/365 = 405.48 €
    expect(part4(res.body, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({ value: { value: 400 }, expected: 405.48, status: 'behind' });
    const equipment = pick(res.body, 'equipment_distributed');
    expect(equipment).toMatchObject({ value: 2, details: { laptop: 1, webcam: 1, headset: 0 } });
    expect(equipment.breakdown.map((r) => r.key)).toEqual(['2022-01', '2022-02', '2022-03']);
    expect(pick(res.body, 'leavers_holding_equipment')).toMatchObject({ value: 1, details: { assetsHeld: 1 } });
  });

  it('the yearly series the dashboard charts', async () => {
    const res = await t.http().get('/api/v1/kpi/series?from=2020&to=2022').set(auth(rtd)).expect(200);
    expect(res.body).toMatchObject({ from: 2020, to: 2022, laptopsBaseline: 0, laptopsBaselineYear: 2020 });
    expect(
      res.body.points.map(
        (p: {
          year: number;
          laptops: number;
          laptopsTarget: number | null;
          laptopsStatus: string | null;
          equippedPct: number | null;
          investmentEur: number;
        }) => [p.year, p.laptops, p.laptopsTarget, p.laptopsStatus, p.equippedPct, p.investmentEur],
      ),
    ).toEqual([
      [2020, 0, null, null, null, 300],
      [2021, 2, 2, 'met', 66.7, 7450],
      [2022, 3, 4, 'on_track', 50, 400],
    ]);
    const defaults = await t.http().get('/api/v1/kpi/series').set(auth(rtd)).expect(200);
    expect([defaults.body.from, defaults.body.to]).toEqual([2020, 2022]);
  });

  it('refuses bad years with clear codes, and other roles', async () => {
    expect((await t.http().get('/api/v1/kpi/pola?year=2023').set(auth(rtd)).expect(422)).body.error.code).toBe('KPI_YEAR_IN_FUTURE');
    expect((await t.http().get('/api/v1/kpi/pola?year=abc').set(auth(rtd)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/api/v1/kpi/pola?year=1999').set(auth(rtd)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/api/v1/kpi/series?from=2022&to=2021').set(auth(rtd)).expect(422)).body.error.code).toBe('KPI_RANGE_INVALID');
    expect((await t.http().get('/api/v1/kpi/series?from=2000&to=2022').set(auth(rtd)).expect(422)).body.error.code).toBe('KPI_RANGE_TOO_LONG');
    await t
      .http()
      .get('/api/v1/kpi/pola?year=2021')
      .set(auth(await t.tokenFor('technician')))
      .expect(403);
    await t.http().get('/api/v1/kpi/pola?year=2021').expect(401);
    await t.http().get('/api/v1/kpi/pola?year=2021').set(auth(t.adminToken)).expect(200);
    const current = await t.http().get('/api/v1/kpi/pola').set(auth(rtd)).expect(200);
    expect(current.body.year).toBe(2022);
  });
});
