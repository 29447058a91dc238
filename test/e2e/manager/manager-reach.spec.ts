import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { AgreementEntity } from '../../../src/agreements/agreement.entity';
import {
  agreementBody,
  createActivity,
  createAgreementInForce,
  createEmployee,
  createManager,
  createService,
  DOCUMENT_SHA256,
  linkActivities,
} from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { managerSession } from './manager-fixtures';

const TODAY = '2026-03-10';
const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

type Call = [method: 'get' | 'post' | 'put' | 'patch', path: string, body?: Record<string, unknown>];

/**
 * A manager's login reaches only the people they manage (directory domain/service-manager.policy.ts `reachOf`), on
 * every per-person route, not only on the manager's own pages: before, the dirigente of one service could read any
 * employee and agreement of the municipality, set anyone's activities (and so their eligibility, a gate input) and
 * resume an agreement HR had suspended. Another service's manager and a manager token that acts for nobody are
 * refused each route with 403 NOT_MANAGER_OF_EMPLOYEE, change nothing and leave one audit entry each; lists show
 * them nobody else's people.
 */
describe("a manager's login reaches their own people only", () => {
  let t: TestApp;
  let hr: string;
  let clerk: EmployeeEntity;
  let agreement: AgreementEntity;
  let ownBoss: EmployeeEntity;
  let asOwnBoss: string;
  let asOtherBoss: string;
  let asDirectorGeneral: string;
  let unboundToken: string;
  let outsider: EmployeeEntity;

  const send = ([method, path, body]: Call, token: string) => {
    const req = t.http()[method](path).set(auth(token));
    return body ? req.send(body) : req;
  };
  const perPerson = (): Call[] => [
    ['get', `/api/v1/employees/${clerk.id}`],
    ['get', `/api/v1/employees/${clerk.id}/eligibility`],
    ['put', `/api/v1/employees/${clerk.id}/activities`, { activityIds: [] }],
    ['get', `/api/v1/employees/${clerk.id}/provisioning-status`],
    ['post', '/api/v1/agreements', agreementBody(clerk.id, { startDate: '2027-01-01' })],
    ['get', `/api/v1/agreements/${agreement.id}`],
    ['patch', `/api/v1/agreements/${agreement.id}`, { remoteDaysPerWeek: 1 }],
    ['post', `/api/v1/agreements/${agreement.id}/sign`, { party: 'manager', signerEmployeeId: clerk.id, documentSha256: DOCUMENT_SHA256 }],
    ['post', `/api/v1/agreements/${agreement.id}/countersignature/confirm`, {}],
    ['post', `/api/v1/agreements/${agreement.id}/countersignature/reject`, { reason: 'scansione sbagliata' }],
    ['post', `/api/v1/agreements/${agreement.id}/suspend`, { reason: 'prova' }],
    ['post', `/api/v1/agreements/${agreement.id}/resume`, {}],
    ['post', `/api/v1/agreements/${agreement.id}/safety-notice`, { deliveredOn: TODAY }],
    ['get', `/api/v1/agreements/${agreement.id}/document.pdf`],
    ['get', `/api/v1/agreements/${agreement.id}/signed-document`],
  ];
  /** What a refused call could have changed: the clerk's agreements, links and record, and the audit log. */
  const state = async () => ({
    agreements: await t.dataSource.query('SELECT id, state, version, remote_days_per_week FROM agreements WHERE employee_id = $1 ORDER BY id', [clerk.id]),
    links: await t.dataSource.query('SELECT activity_id FROM employee_activities WHERE employee_id = $1 ORDER BY activity_id', [clerk.id]),
    employee: await t.dataSource.query('SELECT version, active FROM employees WHERE id = $1', [clerk.id]),
  });
  const auditActions = async (fromSeq: number): Promise<string[]> =>
    (await t.dataSource.query('SELECT action FROM audit_events WHERE seq > $1 ORDER BY seq', [fromSeq])).map((r: { action: string }) => r.action);
  const auditHead = async (): Promise<number> => Number((await t.dataSource.query('SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_events'))[0].seq);
  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    const own = await createService(t.dataSource, { name: 'Servizio Tributi' });
    const other = await createService(t.dataSource, { name: 'Servizio Cultura' });
    ownBoss = await createManager(t.dataSource, own.id, { firstName: 'Anna', lastName: 'Tributi' });
    const otherBoss = await createManager(t.dataSource, other.id, { firstName: 'Carlo', lastName: 'Cultura' });
    const dg = await createEmployee(t.dataSource, { serviceId: own.id, isDirectorGeneral: true, firstName: 'Dora', lastName: 'Generale' });
    clerk = await createEmployee(t.dataSource, { serviceId: own.id, firstName: 'Giulia', lastName: 'Verdi' });
    outsider = await createEmployee(t.dataSource, { serviceId: other.id, firstName: 'Paolo', lastName: 'Bianchi' });
    const work = await createActivity(t.dataSource, own, { name: 'Istruttoria TARI', mode: 'fully_remote' });
    await linkActivities(t.dataSource, clerk.id, [work.id]);
    // a safety notice that stops counting in ten days: listed by safety-notices-due
    agreement = await createAgreementInForce(t.dataSource, clerk, { today: TODAY, managerSignerId: ownBoss.id, safetyNoticeDeliveredOn: '2025-03-20' });
    asOwnBoss = await managerSession(t, ownBoss, clock.now());
    asOtherBoss = await managerSession(t, otherBoss, clock.now());
    asDirectorGeneral = await managerSession(t, dg, clock.now());
    unboundToken = await t.tokenFor('manager', 'manager-token-of-nobody');
  });
  afterAll(() => t?.close());

  it.each([
    ['the manager of another service', () => asOtherBoss],
    ['a manager token that acts for no employee', () => unboundToken],
  ])('refuses %s every per-person route, changing nothing, one audit entry each', async (_who, token) => {
    const before = await state();
    const head = await auditHead();
    const wrong: string[] = [];
    for (const call of perPerson()) {
      const res = await send(call, token());
      if (res.status !== 403 || res.body?.error?.code !== 'NOT_MANAGER_OF_EMPLOYEE')
        wrong.push(`${call[0]} ${call[1]}: ${res.status} ${res.body?.error?.code}`);
    }
    expect(wrong).toEqual([]);
    expect(await state()).toEqual(before);
    expect(await auditActions(head)).toEqual(perPerson().map(() => 'employee.reach_refused'));
  });

  it('lets the manager of the service and the Direttore Generale through the same routes', async () => {
    await send(['get', `/api/v1/employees/${clerk.id}`], asOwnBoss).expect(200);
    await send(['get', `/api/v1/employees/${clerk.id}/provisioning-status`], asOwnBoss).expect(200);
    await send(['get', `/api/v1/agreements/${agreement.id}/document.pdf`], asOwnBoss).expect(200);
    expect((await send(['post', `/api/v1/agreements/${agreement.id}/suspend`, { reason: 'prova' }], asOwnBoss).expect(200)).body.state).toBe('suspended');
    expect((await send(['post', `/api/v1/agreements/${agreement.id}/resume`, {}], asDirectorGeneral).expect(200)).body.state).toBe('active');
    await send(['get', `/api/v1/employees/${clerk.id}/eligibility`], asDirectorGeneral).expect(200);
    // an id nobody has is still a 404, for a manager as for everyone
    const missing = await send(['get', '/api/v1/employees/3f0b1c2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'], asOtherBoss).expect(404);
    expect(missing.body.error.code).toBe('EMPLOYEE_NOT_FOUND');
  });

  it("lists only the people a manager's login reaches: employees, agreements, safety notices due", async () => {
    const employees = (token: string) => send(['get', '/api/v1/employees?limit=500'], token).expect(200);
    const agreements = (token: string) => send(['get', '/api/v1/agreements?limit=100'], token).expect(200);
    const due = async (token: string) =>
      (await send(['get', '/api/v1/agreements/safety-notices-due?days=30'], token).expect(200)).body.items.map((i: { agreementId: string }) => i.agreementId);

    expect(ids((await employees(asOwnBoss)).body)).toEqual([clerk.id]);
    expect(ids((await employees(asOtherBoss)).body)).toEqual([outsider.id]);
    expect(ids((await employees(unboundToken)).body)).toEqual([]);
    expect(ids((await employees(asDirectorGeneral)).body)).toEqual(expect.arrayContaining([clerk.id, outsider.id, ownBoss.id]));
    expect(ids((await employees(hr)).body)).toHaveLength(5);

    expect(ids((await agreements(asOwnBoss)).body)).toEqual([agreement.id]);
    expect(ids((await agreements(asOtherBoss)).body)).toEqual([]);
    expect(ids((await agreements(unboundToken)).body)).toEqual([]);
    expect(ids((await agreements(asDirectorGeneral)).body)).toEqual([agreement.id]);

    expect(await due(hr)).toEqual([agreement.id]);
    expect(await due(asOwnBoss)).toEqual([agreement.id]);
    expect(await due(asOtherBoss)).toEqual([]);
    expect(await due(unboundToken)).toEqual([]);
  });
});
