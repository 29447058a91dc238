import { FixedClock } from '../../../src/common/clock';
import { JobQueue } from '../../../src/jobs/job-queue';
import { OffboardingCase, OffboardingSteps } from '../../../src/offboarding/offboarding-step';
import { createEmployee, createManager, createService, createSignedAgreement, makeEligible } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { waitFor } from './wait-for';

const TODAY = '2026-03-10';
const own = (s: { name: string }) => s.name.startsWith('test.');

interface CaseBody {
  id: string;
  employeeId: string;
  trigger: string;
  agreementId: string | null;
  effectiveDate: string;
  status: string;
  runs: number;
  createdAt: string;
  closedAt: string | null;
  steps: { name: string; status: string; attempts: number; result: Record<string, unknown> | null; lastError: string | null }[];
}

describe('offboarding: cases, steps, retries', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let t: TestApp;
  let hr: string;
  let hotline: string;
  let serviceId: string;
  let boss: string;
  const calls = { flaky: [] as OffboardingCase[], steady: [] as OffboardingCase[] };
  const failedOnce = new Set<string>();
  let brokenFor = '';

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    hotline = await t.tokenFor('hotline');
    serviceId = (await createService(t.dataSource)).id;
    boss = (await createManager(t.dataSource, serviceId)).id;
    const steps = t.get(OffboardingSteps);
    // Fails the first time it sees a case, succeeds on the job's retry.
    steps.register({
      name: 'test.flaky',
      run: async (c) => {
        calls.flaky.push(c);
        if (!failedOnce.has(c.id)) {
          failedOnce.add(c.id);
          throw new Error('VPN gateway unreachable');
        }
        return { revoked: 1 };
      },
    });
    steps.register({
      name: 'test.steady',
      run: async (c) => {
        calls.steady.push(c);
        if (c.employeeId === brokenFor) throw new Error('always broken for this employee');
        return { tasksOpened: 2 };
      },
    });
  });
  afterAll(() => t.close());

  const list = async (query: string, token = hotline) =>
    (await t.http().get(`/api/v1/offboarding/cases${query}`).set(auth(token)).expect(200)).body as { items: CaseBody[]; nextCursor: string | null };
  const closedCaseOf = (employeeId: string) =>
    waitFor(async () => {
      const { items } = await list(`?employeeId=${employeeId}`);
      return items.length === 1 && items[0].status === 'closed' ? items[0] : undefined;
    }, `a closed case for ${employeeId}`);

  it('a withdrawal for justified cause takes effect at once and opens an offboarding case whose failed step is retried', async () => {
    const employee = await createEmployee(t.dataSource, { serviceId });
    await makeEligible(t.dataSource, employee);
    const agreement = await createSignedAgreement(t, hr, employee.id, boss, { safetyNoticeDeliveredOn: TODAY });
    const res = await t
      .http()
      .post(`/api/v1/agreements/${agreement.id}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employer', noticeDate: TODAY, justifiedCause: true, reason: 'Violazione degli obblighi di riservatezza' })
      .expect(200);
    expect(res.body).toMatchObject({ state: 'withdrawn', endedOn: TODAY, withdrawal: { basis: 'justified_cause', effectiveDate: TODAY, noticeDays: 0 } });

    const c = await closedCaseOf(employee.id);
    expect(c).toMatchObject({ trigger: 'agreement_ended', agreementId: agreement.id, effectiveDate: TODAY, runs: 2 });
    // Other features' steps (inventory, VPN) run too; this test follows its own.
    expect(c.steps.filter(own)).toEqual([
      { name: 'test.flaky', status: 'done', attempts: 2, result: { revoked: 1 }, lastError: null, doneAt: expect.any(String) },
      { name: 'test.steady', status: 'done', attempts: 1, result: { tasksOpened: 2 }, lastError: null, doneAt: expect.any(String) },
    ]);
    // The flaky step ran twice (fail, then success); the steady one once: done steps are skipped on retry.
    expect(calls.flaky.filter((x) => x.id === c.id)).toHaveLength(2);
    expect(calls.steady.filter((x) => x.id === c.id)).toHaveLength(1);
    expect(calls.steady[0]).toEqual({ id: c.id, employeeId: employee.id, trigger: 'agreement_ended', agreementId: agreement.id, effectiveDate: TODAY });

    const read = await t
      .http()
      .get(`/api/v1/offboarding/cases/${c.id}`)
      .set(auth(await t.tokenFor('technician')))
      .expect(200);
    expect(read.body).toEqual(c);
  });

  it('the same job delivered again opens no second case and runs no step again', async () => {
    const { items } = await list('?status=closed');
    const c = items[0];
    const before = { flaky: calls.flaky.length, steady: calls.steady.length };
    const payload = { employeeId: c.employeeId, trigger: 'agreement_ended' as const, agreementId: c.agreementId, effectiveDate: c.effectiveDate };
    await t.get(JobQueue).add('offboarding.start', payload, { jobId: 'redelivery-1' });
    await t.get(JobQueue).drain();
    expect({ flaky: calls.flaky.length, steady: calls.steady.length }).toEqual(before);
    const after = await list(`?employeeId=${c.employeeId}`);
    expect(after.items).toHaveLength(1);
    expect(after.items[0]).toMatchObject({ status: 'closed', runs: 3 });
  });

  it('serves the directory trigger too: a leaver (left_directory, no agreement)', async () => {
    const leaver = await createEmployee(t.dataSource, { serviceId, active: false });
    await t
      .get(JobQueue)
      .add(
        'offboarding.start',
        { employeeId: leaver.id, trigger: 'left_directory', agreementId: null, effectiveDate: TODAY },
        { jobId: `offboarding-${leaver.id}-left_directory-${TODAY}` },
      );
    const c = await closedCaseOf(leaver.id);
    expect(c).toMatchObject({ trigger: 'left_directory', agreementId: null, effectiveDate: TODAY });
    expect(c.steps.every((s) => s.status === 'done')).toBe(true);
    expect(c.steps.filter(own).map((s) => [s.name, s.status])).toEqual([
      ['test.flaky', 'done'],
      ['test.steady', 'done'],
    ]);
  });

  it('a step that keeps failing leaves the case open with its error, listed among the open cases', async () => {
    const stuck = await createEmployee(t.dataSource, { serviceId, active: false });
    brokenFor = stuck.id;
    await t
      .get(JobQueue)
      .add('offboarding.start', { employeeId: stuck.id, trigger: 'left_directory', agreementId: null, effectiveDate: TODAY }, { jobId: `stuck-${stuck.id}` });
    const c = await waitFor(async () => {
      const { items } = await list(`?employeeId=${stuck.id}`);
      const steady = items[0]?.steps.find((s) => s.name === 'test.steady');
      return steady && steady.attempts >= 3 ? items[0] : undefined;
    }, 'three failed attempts');
    expect(c.status).toBe('open');
    expect(c.steps.find((s) => s.name === 'test.steady')).toMatchObject({ status: 'failed', lastError: 'Error: always broken for this employee' });
    expect(c.steps.find((s) => s.name === 'test.flaky')).toMatchObject({ status: 'done', attempts: 2 });
    const open = await list('?status=open');
    expect(open.items.map((x) => x.id)).toContain(c.id);
    const closed = await list('?status=closed');
    expect(closed.items.map((x) => x.id)).not.toContain(c.id);
  });

  it('is readable by admin, technician, hot-line and HR only; unknown case is 404', async () => {
    await t
      .http()
      .get('/api/v1/offboarding/cases')
      .set(auth(await t.tokenFor('rtd')))
      .expect(403);
    await t
      .http()
      .get('/api/v1/offboarding/cases')
      .set(auth(await t.tokenFor('manager')))
      .expect(403);
    await t.http().get('/api/v1/offboarding/cases').set(auth(hr)).expect(200);
    const res = await t.http().get('/api/v1/offboarding/cases/5b0f0a53-6b8e-4d5e-8f5e-6a8f3f1f7c11').set(auth(hr)).expect(404);
    expect(res.body.error.code).toBe('OFFBOARDING_CASE_NOT_FOUND');
    await t.http().get('/api/v1/offboarding/cases?status=maybe').set(auth(hr)).expect(400);
  });

  it('pages newest first with limit and cursor', async () => {
    const all = await list('?limit=500');
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    expect(all.nextCursor).toBeNull();
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: CaseBody[]; nextCursor: string | null } = await list(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((c) => c.id));
    expect(all.items.map((c) => c.createdAt)).toEqual([...all.items.map((c) => c.createdAt)].sort().reverse());
    expect((await t.http().get('/api/v1/offboarding/cases?cursor=nonsense').set(auth(hr)).expect(400)).body.error.code).toBe('INVALID_CURSOR');
  });
});
