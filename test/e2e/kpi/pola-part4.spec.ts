import { FixedClock } from '../../../src/common/clock';
import { POLA_INDICATOR_IDS } from '../../../src/kpi/domain/pola-types';
import { createActivity, createAgreementInForce, createEmployee, createManager, createService, linkActivities } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The POLA Part 4 report (issue 14) through HTTP, with the shipped config/pola-targets.tsv: all 22 indicators with
 * their typed targets, computed values from real records (training courses, purchases, agreements), a value the
 * RTD declared, HR's monthly totals. Today is 15 February 2023, so 2022 is measured on 31 December.
 *
 *   service PA: managers m1, m2; eligible w1-w5; agreements in force from 2022-01-10 for w1-w4
 *   remote_management course 2022-05-10 (1.200 €): m1                    → managers trained 1/2
 *   remote_work course 2022-03-01 (800 €): w1, w2, w3, w5 (no agreement)  → remote workers trained 3/4
 *   digital courses 2021-06-01 (w1, outside the 12 months) and 2022-09-01 (w4, 500 €) → 1/4; not in the cost
 *   purchases 2022: firewall 10.000 € (hardware), process digitalisation 30.000 €
 */
type Target = { kind: string; value?: number; op?: string; present?: boolean; action?: string; text: string } | null;
type Part4 = {
  id: string;
  group: string;
  name: string;
  source: string;
  baseline: Target;
  target: Target;
  value: { kind: string; value?: number; present?: boolean } | null;
  status: string;
  numerator: number | null;
  denominator: number | null;
  declared: { note: string; declaredBy: string } | null;
  note: string | null;
};

describe('POLA Part 4: the 22 indicators of the plan', () => {
  const clock = new FixedClock(new Date('2023-02-15T09:00:00Z'));
  let t: TestApp;
  let rtd: string;
  const pick = (body: { indicators: Part4[] }, id: string) => body.indicators.find((i) => i.id === id)!;
  const report = async (year: number) => (await t.http().get(`/api/v1/kpi/pola?year=${year}`).set(auth(rtd)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    rtd = await t.tokenFor('rtd', 'Responsabile Transizione Digitale');
    const hr = await t.tokenFor('hr', 'Ufficio Personale');
    const tech = await t.tokenFor('technician', 'Luca Bianchi');
    const ds = t.dataSource;
    const pa = await createService(ds, { code: 'PA', name: 'Servizio Personale' });
    const remote = await createActivity(ds, pa, { mode: 'partially_remote' });
    const [m1] = [await createManager(ds, pa.id), await createManager(ds, pa.id)];
    const w: { id: string; serviceId: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const e = await createEmployee(ds, { serviceId: pa.id });
      await linkActivities(ds, e.id, [remote.id]);
      w.push(e);
    }
    for (const e of w.slice(0, 4)) {
      await createAgreementInForce(ds, e, { startDate: '2022-01-10', today: '2022-01-10', safetyNoticeDeliveredOn: '2022-01-10', managerSignerId: m1.id });
    }
    const course = async (kind: string, date: string, costCents: number, people: string[]) => {
      const c = await t
        .http()
        .post('/api/v1/training/courses')
        .set(auth(hr))
        .send({ title: `Corso ${kind} ${date}`, kind, date, hours: 3, provider: 'Formez PA', costCents })
        .expect(201);
      await t.http().post(`/api/v1/training/courses/${c.body.id}/participants`).set(auth(hr)).send({ employeeIds: people }).expect(200);
    };
    await course('remote_management', '2022-05-10', 120_000, [m1.id]);
    await course('remote_work', '2022-03-01', 80_000, [w[0].id, w[1].id, w[2].id, w[4].id]);
    await course('digital', '2021-06-01', 40_000, [w[0].id]);
    await course('digital', '2022-09-01', 50_000, [w[3].id]);
    const purchase = (category: string, amountCents: number, description: string) =>
      t
        .http()
        .post('/api/v1/purchases')
        .set(auth(tech))
        .send({ date: '2022-06-01', supplier: 'Italware S.r.l.', description, category, amountCents })
        .expect(201);
    await purchase('network_security', 1_000_000, 'Firewall con VPN SSL');
    await purchase('process_digitalisation', 3_000_000, 'Dematerializzazione delle determine');
    await t
      .http()
      .put('/api/v1/kpi/declared/2022/coordination_present')
      .set(auth(rtd))
      .send({ value: true, note: 'Delibera di Giunta n. 12/2022' })
      .expect(200);
    const csv = ['anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza', '2022;1;PA;200;60;30', '2022;2;PA;200;70;40', ''].join('\n');
    await t.http().post('/api/v1/kpi/attendance/import').set(auth(hr)).set('Content-Type', 'text/csv').send(csv).expect(200);
  });
  afterAll(() => t.close());

  it('lists all 22 indicators in the plan’s order and groups, each with its typed 2022 target', async () => {
    const body = await report(2022);
    expect(body).toMatchObject({ year: 2022, referenceDate: '2022-12-31', current: false });
    expect(body.indicators.map((i: Part4) => i.id)).toEqual([...POLA_INDICATOR_IDS]);
    expect(body.groups.map((g: { id: string; indicators: string[] }) => g.indicators).flat()).toEqual([...POLA_INDICATOR_IDS]);
    expect(body.groups[0]).toMatchObject({ dimension: 'Condizioni abilitanti del lavoro agile', factor: 'Salute organizzativa' });
    expect(pick(body, 'absence_days_pct').target).toEqual({ kind: 'bound', op: '<', value: 18, text: '<18%' });
    expect(pick(body, 'absence_days_pct').baseline).toEqual({ kind: 'number', value: 18.77, text: '18,77%' });
    expect(pick(body, 'hardware_and_digital_infrastructure_investment_eur').target).toEqual({ kind: 'number', value: 50_000, text: '50.000 €' });
    expect(pick(body, 'it_help_desk_present').target).toEqual({ kind: 'presence', present: true, text: 'presente' });
    expect(pick(body, 'laptops_for_remote_work').target).toEqual({ kind: 'number', value: 350, text: '350' });
    expect(pick(body, 'managers_trained_remote_leadership_pct').target).toBeNull();
    expect(pick(body, 'managers_trained_remote_leadership_pct').name).toBe(
      "% dirigenti/PO che hanno partecipato a corsi di formazione sulle competenze direzionali in materia di lavoro agile nell'ultimo anno",
    );
    // the operational indicators that are not in Part 4
    const operational = body.operational.map((i: { id: string }) => i.id);
    expect(operational).toEqual(expect.arrayContaining(['equipment_distributed', 'agreements_in_force_vs_eligible_pct', 'vpn_accounts_open']));
    expect(operational).not.toContain('laptops_for_remote_work');
  });

  it('2021: "n.d" and "Attivare rilevazione" targets', async () => {
    const body = await report(2021);
    expect(pick(body, 'effective_remote_workers_pct')).toMatchObject({ target: { kind: 'not_defined', text: 'n.d' }, status: 'no_target' });
    expect(pick(body, 'managers_satisfied_pct')).toMatchObject({
      baseline: { kind: 'not_measured', text: 'non rilevata' },
      target: { kind: 'action', action: 'Attivare rilevazione' },
      status: 'action_required',
    });
    expect(pick(body, 'absence_days_pct')).toMatchObject({ value: null, status: 'no_data' });
  });

  it('computes training, investment and remote-work figures from the records', async () => {
    const body = await report(2022);
    expect(pick(body, 'managers_trained_remote_leadership_pct')).toMatchObject({ value: { kind: 'number', value: 50 }, numerator: 1, denominator: 2 });
    expect(pick(body, 'remote_workers_trained_remote_work_pct')).toMatchObject({
      value: { value: 75 },
      numerator: 3,
      denominator: 4,
      target: { value: 90 },
      status: 'behind',
    });
    expect(pick(body, 'remote_workers_trained_digital_pct')).toMatchObject({ value: { value: 25 }, numerator: 1, denominator: 4, status: 'behind' });
    // 1.200 € + 800 €: courses on remote work and its management only
    expect(pick(body, 'remote_work_training_cost_eur')).toMatchObject({ value: { value: 2000 }, target: { value: 2500 }, status: 'behind' });
    expect(pick(body, 'hardware_and_digital_infrastructure_investment_eur')).toMatchObject({ value: { value: 10_000 }, status: 'behind' });
    expect(pick(body, 'digitalisation_investment_eur')).toMatchObject({ value: { value: 30_000 }, target: { value: 150_000 } });
    expect(pick(body, 'effective_remote_workers_pct')).toMatchObject({ value: { value: 80 }, numerator: 4, denominator: 5, source: 'computed' });
    const vpn = pick(body, 'vpn_present');
    expect(vpn.value?.kind).toBe('presence');
    expect(vpn.status).toBe(vpn.value?.present ? 'met' : 'not_met');
  });

  it('shows the RTD’s declaration as declared, and HR’s monthly totals as imported', async () => {
    const body = await report(2022);
    expect(pick(body, 'coordination_present')).toMatchObject({
      source: 'declared',
      value: { kind: 'presence', present: true },
      status: 'met',
      declared: { note: 'Delibera di Giunta n. 12/2022', declaredBy: 'Responsabile Transizione Digitale' },
    });
    expect(pick(body, 'monitoring_present')).toMatchObject({ value: null, status: 'no_data', declared: null });
    // 70 absence days and 130 remote days out of 400 working days, two months imported
    expect(pick(body, 'absence_days_pct')).toMatchObject({
      source: 'imported',
      value: { value: 17.5 },
      numerator: 70,
      denominator: 400,
      status: 'met',
      note: 'Totali importati per 2 mesi su 12',
    });
    expect(pick(body, 'remote_work_days_pct')).toMatchObject({ value: { value: 32.5 }, status: 'no_target' });
  });

  it('refuses bad years and other roles', async () => {
    expect((await t.http().get('/api/v1/kpi/pola?year=1999').set(auth(rtd)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/api/v1/kpi/pola?year=dueMila').set(auth(rtd)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get('/api/v1/kpi/pola?year=2024').set(auth(rtd)).expect(422)).body.error.code).toBe('KPI_YEAR_IN_FUTURE');
    await t
      .http()
      .get('/api/v1/kpi/pola?year=2022')
      .set(auth(await t.tokenFor('hr')))
      .expect(403);
    await t.http().get('/api/v1/kpi/pola?year=2022').set(auth(t.adminToken)).expect(200);
  });
});
