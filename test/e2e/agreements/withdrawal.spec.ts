import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { agreementBody, createEmployee, createManager, createService, createSignedAgreement } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const TODAY = '2026-03-10';

describe('withdrawal (recesso): notice periods and their effective dates', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let t: TestApp;
  let hr: string;
  let serviceId: string;
  let boss: EmployeeEntity;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    serviceId = (await createService(t.dataSource)).id;
    boss = await createManager(t.dataSource, serviceId);
  });
  afterAll(() => t.close());

  const signedFor = async (employee: Partial<EmployeeEntity> = {}, terms: Record<string, unknown> = {}) => {
    const e = await createEmployee(t.dataSource, { serviceId, ...employee });
    return createSignedAgreement(t, hr, e.id, boss.id, { safetyNoticeDeliveredOn: TODAY, ...terms });
  };
  const withdraw = (id: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/v1/agreements/${id}/withdraw`)
      .set(auth(hr))
      .send({ reason: 'Motivazione del recesso', noticeDate: TODAY, ...body });

  it('indefinite agreement, the employee withdraws: effective 30 days after notice, in force until then', async () => {
    const a = await signedFor();
    const res = await withdraw(a.id, { initiatedBy: 'employee' }).expect(200);
    expect(res.body).toMatchObject({
      state: 'active',
      inForceToday: true,
      withdrawal: { initiatedBy: 'employee', noticeDate: TODAY, effectiveDate: '2026-04-09', justifiedCause: false, basis: 'notice_30_days', noticeDays: 30 },
    });
    const inForce = await t
      .http()
      .get(`/api/v1/agreements?inForceOn=2026-04-08&employeeId=${String(a.employeeId)}`)
      .set(auth(hr))
      .expect(200);
    expect(inForce.body.items).toHaveLength(1);
    const after = await t
      .http()
      .get(`/api/v1/agreements?inForceOn=2026-04-09&employeeId=${String(a.employeeId)}`)
      .set(auth(hr))
      .expect(200);
    expect(after.body).toEqual({ items: [], nextCursor: null });
    // Notified once: it cannot be postponed or repeated…
    expect((await withdraw(a.id, { initiatedBy: 'employer' }).expect(409)).body.error.code).toBe('WITHDRAWAL_ALREADY_NOTIFIED');
    // …but a justified cause brings it forward to today.
    const now = await withdraw(a.id, { initiatedBy: 'employer', justifiedCause: true }).expect(200);
    expect(now.body).toMatchObject({ state: 'withdrawn', endedOn: TODAY, withdrawal: { basis: 'justified_cause', effectiveDate: TODAY } });
  });

  it('the employer withdraws from a disabled worker: 90 days; from anyone else: 30', async () => {
    const protectedWorker = await signedFor({ disabledWorker: true });
    const res = await withdraw(protectedWorker.id, { initiatedBy: 'employer' }).expect(200);
    expect(res.body.withdrawal).toMatchObject({ effectiveDate: '2026-06-08', basis: 'notice_90_days_disabled_worker', noticeDays: 90 });
    const other = await signedFor();
    expect((await withdraw(other.id, { initiatedBy: 'employer' }).expect(200)).body.withdrawal).toMatchObject({ effectiveDate: '2026-04-09', noticeDays: 30 });
  });

  it('a later effective date may be agreed, an earlier one is refused', async () => {
    const a = await signedFor();
    const early = await withdraw(a.id, { initiatedBy: 'employee', effectiveDate: '2026-04-01' }).expect(422);
    expect(early.body.error).toMatchObject({ code: 'WITHDRAWAL_NOTICE_TOO_SHORT', details: { earliestEffectiveDate: '2026-04-09' } });
    expect((await withdraw(a.id, { initiatedBy: 'employee', effectiveDate: '2026-05-01' }).expect(200)).body.withdrawal.effectiveDate).toBe('2026-05-01');
  });

  it('a fixed-term agreement ends early only for a justified cause (then at once)', async () => {
    const a = await signedFor({}, { endDate: '2026-12-31' });
    const res = await withdraw(a.id, { initiatedBy: 'employee' }).expect(422);
    expect(res.body.error.code).toBe('WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE');
    expect((await t.http().get(`/api/v1/agreements/${a.id}`).set(auth(hr)).expect(200)).body).toMatchObject({ state: 'active', withdrawal: null, version: 4 }); // created, two signatures, confirmed
    const ok = await withdraw(a.id, { initiatedBy: 'employee', justifiedCause: true }).expect(200);
    expect(ok.body).toMatchObject({ state: 'withdrawn', endedOn: TODAY, inForceToday: false });
  });

  it('refuses a notice dated in the future, a draft, an ended agreement, and a malformed body', async () => {
    const a = await signedFor();
    expect((await withdraw(a.id, { initiatedBy: 'employee', noticeDate: '2026-03-11' }).expect(422)).body.error.code).toBe('NOTICE_DATE_IN_FUTURE');
    const e = await createEmployee(t.dataSource, { serviceId });
    const draft = await t.http().post('/api/v1/agreements').set(auth(hr)).send(agreementBody(e.id)).expect(201);
    expect((await withdraw(draft.body.id, { initiatedBy: 'employee' }).expect(409)).body.error.code).toBe('AGREEMENT_STATE_CONFLICT');
    await withdraw(a.id, { initiatedBy: 'employer', justifiedCause: true }).expect(200);
    expect((await withdraw(a.id, { initiatedBy: 'employer', justifiedCause: true }).expect(409)).body.error.code).toBe('AGREEMENT_STATE_CONFLICT');
    const bad = await withdraw(a.id, { initiatedBy: 'hr', noticeDate: '10/03/2026' }).expect(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['initiatedBy', 'noticeDate']);
  });

  it('a withdrawal notified before the start date of a signed agreement ends it without offboarding', async () => {
    const a = await signedFor({}, { startDate: '2026-05-01' });
    expect(a.state).toBe('signed');
    const res = await withdraw(a.id, { initiatedBy: 'employee', effectiveDate: '2026-04-15' }).expect(200);
    expect(res.body).toMatchObject({ state: 'signed', withdrawal: { effectiveDate: '2026-04-15' } });
    clock.set('2026-04-15T09:00:00Z');
    await t.http().post('/api/v1/agreements/sweep').set(auth(t.adminToken)).expect(200);
    const jobs = await t.dataSource.createQueryBuilder().select('o.job_id', 'jobId').from('outbox', 'o').where("o.job_name = 'offboarding.start'").getRawMany();
    // Other agreements of this file ended by now and were offboarded; this one never started.
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.map((j: { jobId: string }) => j.jobId).filter((id: string) => id.includes(a.employeeId as string))).toEqual([]);
    expect((await t.http().get(`/api/v1/agreements/${a.id}`).set(auth(hr)).expect(200)).body).toMatchObject({ state: 'withdrawn', endedOn: '2026-04-15' });
    clock.set(`${TODAY}T09:00:00Z`);
  });
});
