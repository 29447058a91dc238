import { FixedClock } from '../../../src/common/clock';
import { TrainingIndicators, TrainingKind } from '../../../src/training';
import { createDemoTraining, planDemoTraining } from '../../../scripts/demo/demo-training';
import { createAgreementInForce, createEmployee, createManager, createService } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/** The demo's courses 2020-2023 through the real service: the training indicators land near the plan (Part 4). */
describe('the demo records training courses for 2020-2023', () => {
  const now = new Date('2026-06-01T09:00:00Z');
  const clock = new FixedClock(now);
  let t: TestApp;
  let workers: string[];
  let managers: string[];

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const s = await createService(t.dataSource, { code: 'DT', name: 'Servizio dimostrativo' });
    managers = [];
    for (let i = 0; i < 10; i++) managers.push((await createManager(t.dataSource, s.id)).id);
    workers = [];
    for (let i = 0; i < 100; i++) {
      const e = await createEmployee(t.dataSource, { serviceId: s.id });
      await createAgreementInForce(t.dataSource, e, { managerSignerId: managers[0], startDate: '2020-03-16', today: '2026-06-01' });
      workers.push(e.id);
    }
  });
  afterAll(() => t.close());

  it('is deterministic', () => {
    const pop = [{ year: 2021, remoteWorkers: workers, managers }];
    expect(planDemoTraining(pop)).toEqual(planDemoTraining(pop));
  });

  it('near the plan: managers 10% → 100%, remote work 0 → 10% → 90%, digital 94% → 50%, cost 0 then 2,500 € a year', async () => {
    const written = await createDemoTraining(t.app, clock, now);
    expect(written).toBeGreaterThan(10);
    const port = t.get(TrainingIndicators);
    const share = async (kinds: TrainingKind[], year: number, pool: string[]) =>
      Math.round((100 * (await port.participants(kinds, `${year}-01-01`, `${year}-12-31`)).filter((id) => pool.includes(id)).length) / pool.length);
    expect([await share(['remote_management'], 2020, managers), await share(['remote_management'], 2021, managers)]).toEqual([10, 100]);
    expect([await share(['remote_work'], 2020, workers), await share(['remote_work'], 2021, workers), await share(['remote_work'], 2022, workers)]).toEqual([
      0, 10, 90,
    ]);
    expect([await share(['digital'], 2020, workers), await share(['digital'], 2021, workers), await share(['digital'], 2022, workers)]).toEqual([94, 50, 50]);
    const agile: TrainingKind[] = ['remote_work', 'remote_management'];
    const cost = async (kinds: TrainingKind[], y: number) => port.costCents(kinds, `${y}-01-01`, `${y}-12-31`);
    expect([await cost(agile, 2020), await cost(agile, 2021), await cost(agile, 2022), await cost(agile, 2023)]).toEqual([0, 250000, 250000, 250000]);
    expect(await cost(['digital'], 2022)).toBe(0);
    expect(clock.now().getTime()).toBeLessThan(now.getTime());
  });

  it('writes nothing the second time', async () => {
    const audit = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n);
    expect(await createDemoTraining(t.app, clock, now)).toBe(0);
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n)).toBe(audit);
  });
});
