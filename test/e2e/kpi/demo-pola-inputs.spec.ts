import { FixedClock } from '../../../src/common/clock';
import { AttendanceTotalsService } from '../../../src/kpi/attendance-totals.service';
import { DeclaredValuesService } from '../../../src/kpi/declared-values.service';
import { DECLARABLE_INDICATORS } from '../../../src/kpi/domain/pola-types';
import { createDemoPolaInputs } from '../../../scripts/demo/demo-pola-inputs';
import { planPopulation } from '../../../scripts/demo/population';
import { loadSeedTables } from '../../../scripts/demo/seed-tables';
import { createService } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/** The demo's POLA inputs, through the real services: declared values and HR totals for 2020-2023, written once. */
describe('the demo declares values and imports HR attendance totals for 2020-2023', () => {
  const now = new Date('2026-06-01T09:00:00Z');
  const clock = new FixedClock(now);
  let t: TestApp;
  const population = planPopulation(loadSeedTables());

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const code of new Set(population.people.map((p) => p.serviceCode))) await createService(t.dataSource, { code, name: `Servizio ${code}` });
  });
  afterAll(() => t.close());

  it('near the plan: remote-work days ≈35% in 2020, absences ≈18.8% then under 18%; every declarable indicator from 2021', async () => {
    const written = await createDemoPolaInputs(t.app, clock, now, population);
    const services = new Set(population.people.map((p) => p.serviceCode)).size;
    expect(written).toEqual({ 'HR attendance rows': 4 * 12 * services, 'declared values': 39 });
    const hr = t.get(AttendanceTotalsService);
    const pct = async (year: number) => {
      const y = (await hr.forYear(year))!;
      expect(y).toMatchObject({ months: 12, services });
      return { remote: (100 * y.remoteDays) / y.workingDays, absence: (100 * y.absenceDays) / y.workingDays };
    };
    const y2020 = await pct(2020);
    expect(y2020.remote).toBeGreaterThan(33);
    expect(y2020.remote).toBeLessThan(37);
    expect(y2020.absence).toBeGreaterThan(18.2);
    expect(y2020.absence).toBeLessThan(19.3);
    for (const year of [2021, 2022, 2023]) expect((await pct(year)).absence).toBeLessThan(18);

    const declared = t.get(DeclaredValuesService);
    expect((await declared.forYear(2020)).map((d) => d.indicator)).not.toContain('managers_satisfied_pct');
    for (const year of [2021, 2022, 2023]) {
      const values = await declared.forYear(year);
      expect(values.map((d) => d.indicator).sort()).toEqual([...DECLARABLE_INDICATORS].sort());
      expect(values.every((d) => d.note.length >= 3 && d.declaredAt.startsWith(`${year + 1}-01-25`))).toBe(true);
    }
    expect((await declared.forYear(2020)).find((d) => d.indicator === 'monitoring_present')?.value).toEqual({ kind: 'presence', present: false });
    expect(clock.now().getTime()).toBeLessThan(now.getTime());
  });

  it('writes nothing the second time', async () => {
    const audit = Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n);
    expect(await createDemoPolaInputs(t.app, clock, now, population)).toEqual({});
    expect(Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n)).toBe(audit);
  });
});
