import { FixedClock } from '../../../src/common/clock';
import { JobRegistry } from '../../../src/jobs/job-registry';
import { OffboardingSteps } from '../../../src/offboarding/offboarding-step';
import { OffboardingRunner } from '../../../src/offboarding/offboarding-runner.service';
import { createAgreementInForce, createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/** A late offboarding job must not take away what a person is entitled to today (found by the demo). */
describe('offboarding that runs late', () => {
  let t: TestApp;
  const touched: string[] = [];
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2023-06-15T09:00:00Z')) });
    t.get(OffboardingSteps).register({
      name: 'test.record-touch',
      run: async (c) => {
        touched.push(c.employeeId);
        return {};
      },
    });
    expect(t.get(JobRegistry).get('offboarding.start')).toBeDefined();
  });
  afterAll(() => t.close());

  const caseOf = async (employeeId: string) =>
    (await t.http().get(`/api/v1/offboarding/cases?employeeId=${employeeId}`).set(auth(t.adminToken)).expect(200)).body;

  it('closes the case of an agreement that ended when a new agreement is in force today, running no step', async () => {
    // The 2021-2022 agreement ended; a new one is in force on 2023-06-15 when the job finally runs.
    const { employee, agreement: old } = await createProvisionableEmployee(t.dataSource, {
      today: '2022-06-01',
      startDate: '2021-01-01',
      endDate: '2022-12-31',
    });
    await createAgreementInForce(t.dataSource, employee, { today: '2023-06-15', startDate: '2023-02-01' });
    const outcome = await t
      .get(OffboardingRunner)
      .handle({ employeeId: employee.id, trigger: 'agreement_ended', agreementId: old.id, effectiveDate: '2023-01-01' });
    expect(outcome).toBe('skipped');
    expect(touched).not.toContain(employee.id);
    const cases = await caseOf(employee.id);
    const items = Array.isArray(cases) ? cases : cases.items;
    expect(items).toHaveLength(1);
    expect(items[0].status).toBe('closed');
    const events: { action: string; summary: string }[] = await t.dataSource.query(
      "SELECT action, summary FROM audit_events WHERE entity_type = 'offboarding_case' ORDER BY seq",
    );
    expect(events.map((e) => e.action)).toEqual(['offboarding.open', 'offboarding.superseded']);
    expect(JSON.parse(events[1].summary)).toMatchObject({ reason: 'superseded_by_new_agreement' });
  });

  it('still runs every step when no agreement is in force today', async () => {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, {
      today: '2022-06-01',
      startDate: '2021-01-01',
      endDate: '2022-12-31',
    });
    const outcome = await t
      .get(OffboardingRunner)
      .handle({ employeeId: employee.id, trigger: 'agreement_ended', agreementId: agreement.id, effectiveDate: '2023-01-01' });
    expect(outcome).toBe('done');
    expect(touched).toContain(employee.id);
  });

  it('closes a leaver case untouched when the person is active again', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: '2023-06-15' });
    const outcome = await t
      .get(OffboardingRunner)
      .handle({ employeeId: employee.id, trigger: 'left_directory', agreementId: null, effectiveDate: '2023-06-01' });
    expect(outcome).toBe('skipped');
    expect(touched).not.toContain(employee.id);
  });
});
