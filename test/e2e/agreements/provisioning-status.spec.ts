import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { agreementBody, createEmployee, createManager, createService, createSignedAgreement, makeEligible } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { managerSession } from '../manager/manager-fixtures';

const TODAY = '2026-03-10';

/** Every refusal code of the gate, reached through HTTP with agreements recorded through HTTP. */
describe('GET /api/v1/employees/:id/provisioning-status', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let t: TestApp;
  let hr: string;
  let technician: string;
  let serviceId: string;
  let boss: EmployeeEntity;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    technician = await t.tokenFor('technician');
    serviceId = (await createService(t.dataSource)).id;
    boss = await createManager(t.dataSource, serviceId);
  });
  afterAll(() => t.close());

  const status = async (employeeId: string, token = technician) =>
    (await t.http().get(`/api/v1/employees/${employeeId}/provisioning-status`).set(auth(token)).expect(200)).body;
  const eligibleEmployee = async () => {
    const e = await createEmployee(t.dataSource, { serviceId });
    await makeEligible(t.dataSource, e);
    return e;
  };

  it('allowed: active, eligible, agreement signed by both, in force, safety notice within 12 months', async () => {
    const e = await eligibleEmployee();
    const agreement = await createSignedAgreement(t, hr, e.id, boss.id, { safetyNoticeDeliveredOn: '2025-06-01' });
    expect(await status(e.id)).toEqual({
      employeeId: e.id,
      date: TODAY,
      allowed: true,
      codes: [],
      refusals: [],
      agreementId: agreement.id,
      summary: `Il dipendente può ricevere dispositivi e accesso VPN in data ${TODAY.split('-').reverse().join('/')}.`,
    });
  });

  it('AGREEMENT_MISSING (with EMPLOYEE_NOT_ELIGIBLE for someone linked to nothing)', async () => {
    const e = await createEmployee(t.dataSource, { serviceId });
    const body = await status(e.id);
    expect(body).toMatchObject({ allowed: false, codes: ['EMPLOYEE_NOT_ELIGIBLE', 'AGREEMENT_MISSING'], agreementId: null });
    expect(body.refusals[1]).toEqual({ code: 'AGREEMENT_MISSING', explanation: 'Non esiste un accordo individuale di lavoro agile per il dipendente.' });
  });

  it('AGREEMENT_NOT_SIGNED: a draft, even one signature short', async () => {
    const e = await eligibleEmployee();
    const draft = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(e.id, { safetyNoticeDeliveredOn: TODAY }))
      .expect(201);
    expect((await status(e.id)).codes).toEqual(['AGREEMENT_NOT_SIGNED']);
    await t
      .http()
      .post(`/api/v1/agreements/${draft.body.id}/sign`)
      .set(auth(hr))
      .send({ party: 'employee', signerEmployeeId: e.id, documentSha256: 'e'.repeat(64) })
      .expect(200);
    const body = await status(e.id);
    expect(body).toMatchObject({ codes: ['AGREEMENT_NOT_SIGNED'], agreementId: draft.body.id });
    expect(body.refusals[0].explanation).toContain('firmato da entrambe le parti');
  });

  it('AGREEMENT_NOT_IN_FORCE: signed, but starting next month', async () => {
    const e = await eligibleEmployee();
    await createSignedAgreement(t, hr, e.id, boss.id, { startDate: '2026-04-01', safetyNoticeDeliveredOn: TODAY });
    expect((await status(e.id)).codes).toEqual(['AGREEMENT_NOT_IN_FORCE']);
  });

  it('AGREEMENT_NOT_IN_FORCE: withdrawn for a justified cause', async () => {
    const e = await eligibleEmployee();
    const a = await createSignedAgreement(t, hr, e.id, boss.id, { safetyNoticeDeliveredOn: TODAY });
    await t
      .http()
      .post(`/api/v1/agreements/${a.id}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employer', noticeDate: TODAY, justifiedCause: true, reason: 'Esigenze organizzative motivate' })
      .expect(200);
    const body = await status(e.id);
    expect(body.codes).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(body.refusals[0].explanation).toContain('non è in vigore');
  });

  it('SAFETY_NOTICE_MISSING: the notice was never delivered', async () => {
    const e = await eligibleEmployee();
    const a = await createSignedAgreement(t, hr, e.id, boss.id);
    const body = await status(e.id, await t.tokenFor('hotline'));
    expect(body).toMatchObject({ codes: ['SAFETY_NOTICE_MISSING'], agreementId: a.id });
    expect(body.refusals[0].explanation).toContain('12 mesi');
  });

  it('EMPLOYEE_NOT_ELIGIBLE: the links to remote-capable activities were removed', async () => {
    const e = await eligibleEmployee();
    await createSignedAgreement(t, hr, e.id, boss.id, { safetyNoticeDeliveredOn: TODAY });
    await t.http().put(`/api/v1/employees/${e.id}/activities`).set(auth(hr)).send({ activityIds: [] }).expect(200);
    expect((await status(e.id, await t.tokenFor('hr'))).codes).toEqual(['EMPLOYEE_NOT_ELIGIBLE']);
  });

  it('EMPLOYEE_INACTIVE: the employee left (deactivated by the directory)', async () => {
    const e = await eligibleEmployee();
    await createSignedAgreement(t, hr, e.id, boss.id, { safetyNoticeDeliveredOn: TODAY });
    await t.dataSource.getRepository(EmployeeEntity).update({ id: e.id }, { active: false, deactivatedAt: `${TODAY}T08:00:00.000Z` });
    const body = await status(e.id, await managerSession(t, boss, clock.now()));
    expect(body.codes).toEqual(['EMPLOYEE_INACTIVE']);
    expect(body.summary).toContain('non può ricevere');
  });

  it('several refusals at once: an inactive, ineligible employee with an unsigned future draft', async () => {
    const e = await createEmployee(t.dataSource, { serviceId });
    await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(e.id, { startDate: '2026-05-01' }))
      .expect(201);
    await t.dataSource.getRepository(EmployeeEntity).update({ id: e.id }, { active: false });
    expect((await status(e.id)).codes).toEqual([
      'EMPLOYEE_INACTIVE',
      'EMPLOYEE_NOT_ELIGIBLE',
      'AGREEMENT_NOT_SIGNED',
      'AGREEMENT_NOT_IN_FORCE',
      'SAFETY_NOTICE_MISSING',
    ]);
  });

  it('unknown employee is 404; the admin passes; a token-less call is 401', async () => {
    const res = await t.http().get(`/api/v1/employees/${randomUUID()}/provisioning-status`).set(auth(technician)).expect(404);
    expect(res.body.error.code).toBe('EMPLOYEE_NOT_FOUND');
    await t.http().get(`/api/v1/employees/${randomUUID()}/provisioning-status`).set(auth(t.adminToken)).expect(404);
    await t.http().get(`/api/v1/employees/${randomUUID()}/provisioning-status`).expect(401);
  });
});
