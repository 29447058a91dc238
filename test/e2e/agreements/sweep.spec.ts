import { FixedClock } from '../../../src/common/clock';
import { JobQueue } from '../../../src/jobs/job-queue';
import { Schedules } from '../../../src/jobs/schedules';
import { createEmployee, createManager, createService, createSignedAgreement, makeEligible } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { waitFor } from '../offboarding/wait-for';

describe('the daily agreement sweep and the offboarding it triggers', () => {
  const clock = new FixedClock(new Date('2026-03-10T09:00:00Z'));
  let t: TestApp;
  let hr: string;
  let admin: string;
  const ids: Record<string, { employeeId: string; agreementId: string }> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    admin = t.adminToken;
    const serviceId = (await createService(t.dataSource)).id;
    const boss = await createManager(t.dataSource, serviceId);
    const add = async (key: string, terms: Record<string, unknown>, employeeId?: string) => {
      const id = employeeId ?? (await createEmployee(t.dataSource, { serviceId })).id;
      if (!employeeId) await makeEligible(t.dataSource, { id, serviceId });
      const a = await createSignedAgreement(t, hr, id, boss.id, { safetyNoticeDeliveredOn: '2026-03-01', ...terms });
      ids[key] = { employeeId: id, agreementId: a.id };
    };
    await add('fixedTerm', { startDate: '2026-01-01', endDate: '2026-03-31' });
    await add('future', { startDate: '2026-04-01' });
    await add('withdrawing', { startDate: '2026-01-01' });
    await add('renewed', { startDate: '2026-01-01', endDate: '2026-03-31' });
    await add('renewal', { startDate: '2026-04-01' }, ids.renewed.employeeId);
    await t
      .http()
      .post(`/api/v1/agreements/${ids.withdrawing.agreementId}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employee', noticeDate: '2026-03-10', reason: 'Rientro in sede per scelta personale' })
      .expect(200);
  });
  afterAll(() => t.close());

  const state = async (key: string) => (await t.http().get(`/api/v1/agreements/${ids[key].agreementId}`).set(auth(hr)).expect(200)).body;
  const cases = async (employeeId: string) =>
    (await t.http().get(`/api/v1/offboarding/cases?employeeId=${employeeId}`).set(auth(admin)).expect(200)).body.items as {
      id: string;
      trigger: string;
      agreementId: string;
      effectiveDate: string;
      status: string;
    }[];
  const offboardingJobs = async () =>
    Number((await t.dataSource.createQueryBuilder().select('COUNT(*)', 'n').from('outbox', 'o').where("o.job_name = 'offboarding.start'").getRawOne()).n);

  it('is declared as a daily schedule and is for admins only over HTTP', async () => {
    expect(t.get(Schedules).all()).toContainEqual({ id: 'agreements-sweep', cron: '10 0 * * *', job: 'agreements.sweep', payload: {} });
    await t.http().post('/api/v1/agreements/sweep').set(auth(hr)).expect(403);
  });

  it('before anything is due it changes nothing', async () => {
    const res = await t.http().post('/api/v1/agreements/sweep').set(auth(admin)).expect(200);
    expect(res.body).toEqual({ date: '2026-03-10', activated: 0, expired: 0, withdrawn: 0, offboardingTriggered: 0 });
    expect((await state('withdrawing')).withdrawal).toMatchObject({ effectiveDate: '2026-04-09', basis: 'notice_30_days', noticeDays: 30 });
  });

  it('on 1 April: signed agreements start, ended ones expire, and only the employee left with none is offboarded', async () => {
    clock.set('2026-04-01T06:00:00Z');
    const res = await t.http().post('/api/v1/agreements/sweep').set(auth(admin)).expect(200);
    expect(res.body).toEqual({ date: '2026-04-01', activated: 2, expired: 2, withdrawn: 0, offboardingTriggered: 1 });
    expect(await state('future')).toMatchObject({ state: 'active', inForceToday: true });
    expect(await state('fixedTerm')).toMatchObject({ state: 'expired', endedOn: '2026-04-01', inForceToday: false });
    expect(await state('renewed')).toMatchObject({ state: 'expired' });
    expect(await state('renewal')).toMatchObject({ state: 'active' });

    const opened = await waitFor(async () => {
      const c = await cases(ids.fixedTerm.employeeId);
      return c.length === 1 && c[0].status === 'closed' ? c : undefined;
    }, 'the offboarding case of the expired agreement');
    expect(opened[0]).toMatchObject({ trigger: 'agreement_ended', agreementId: ids.fixedTerm.agreementId, effectiveDate: '2026-04-01' });
    expect(await cases(ids.renewed.employeeId)).toEqual([]);
  });

  it('running the sweep again the same day is a no-op: offboarding fires once', async () => {
    const res = await t.http().post('/api/v1/agreements/sweep').set(auth(admin)).expect(200);
    expect(res.body).toEqual({ date: '2026-04-01', activated: 0, expired: 0, withdrawn: 0, offboardingTriggered: 0 });
    expect(await offboardingJobs()).toBe(1);
    expect(await cases(ids.fixedTerm.employeeId)).toHaveLength(1);
  });

  it('on the effective date of a notified withdrawal the scheduled job withdraws it and offboards', async () => {
    clock.set('2026-04-09T06:00:00Z');
    await t.get(JobQueue).add('agreements.sweep', {}, { jobId: 'sweep-2026-04-09' });
    const withdrawn = await waitFor(async () => {
      const a = await state('withdrawing');
      return a.state === 'withdrawn' ? a : undefined;
    }, 'the withdrawal to take effect');
    expect(withdrawn).toMatchObject({ endedOn: '2026-04-09', inForceToday: false });
    const c = await waitFor(async () => {
      const list = await cases(ids.withdrawing.employeeId);
      return list.length === 1 ? list : undefined;
    }, 'the offboarding case of the withdrawn agreement');
    expect(c[0]).toMatchObject({ trigger: 'agreement_ended', agreementId: ids.withdrawing.agreementId, effectiveDate: '2026-04-09' });
    await t.http().post('/api/v1/agreements/sweep').set(auth(admin)).expect(200);
    expect(await offboardingJobs()).toBe(2);
  });

  it('the sweep is audited with the system or admin as actor', async () => {
    const rows: { action: string; actor_role: string }[] = await t.dataSource
      .createQueryBuilder()
      .select('a.action', 'action')
      .addSelect('a.actor_role', 'actor_role')
      .from('audit_events', 'a')
      .where("a.action IN ('agreement.activate', 'agreement.expire', 'agreement.withdrawal_effective')")
      .getRawMany();
    expect(rows.map((r) => r.action).sort()).toEqual([
      'agreement.activate',
      'agreement.activate',
      'agreement.expire',
      'agreement.expire',
      'agreement.withdrawal_effective',
    ]);
    expect(rows.find((r) => r.action === 'agreement.withdrawal_effective')!.actor_role).toBe('system');
  });
});
