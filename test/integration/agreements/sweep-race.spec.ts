import { AgreementSweepService } from '../../../src/agreements/agreement-sweep.service';
import { FixedClock } from '../../../src/common/clock';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { createProvisionableEmployee } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/** Two instances sweeping at the same moment (same database): each agreement moves once, offboarding fires once. */
describe('agreement sweep under concurrency', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RUN_WORKERS: 'false' } });
  });
  afterAll(() => t.close());

  it('concurrent sweeps expire each agreement once and record one offboarding job per employee', async () => {
    for (let i = 0; i < 12; i++) await createProvisionableEmployee(t.dataSource, { today: '2026-03-10', endDate: '2026-03-31' });
    clock.set('2026-04-02T09:00:00Z');
    const sweeper = t.get(AgreementSweepService);
    const reports = await Promise.all([sweeper.sweep(SYSTEM_ACTOR), sweeper.sweep(SYSTEM_ACTOR), sweeper.sweep(SYSTEM_ACTOR)]);
    expect(reports.reduce((n, r) => n + r.expired, 0)).toBe(12);
    expect(reports.reduce((n, r) => n + r.offboardingTriggered, 0)).toBe(12);
    const jobs = await t.dataSource.createQueryBuilder().select('COUNT(*)', 'n').from('outbox', 'o').where("o.job_name = 'offboarding.start'").getRawOne();
    expect(Number(jobs.n)).toBe(12);
    const states = await t.dataSource
      .createQueryBuilder()
      .select('a.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .from('agreements', 'a')
      .groupBy('a.state')
      .getRawMany();
    expect(states.map((s: { state: string; n: string | number }) => [s.state, Number(s.n)])).toEqual([['expired', 12]]);
    const again = await sweeper.sweep(SYSTEM_ACTOR);
    expect(again).toMatchObject({ expired: 0, offboardingTriggered: 0 });
  });
});
