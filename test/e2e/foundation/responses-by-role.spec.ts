import { randomUUID } from 'node:crypto';
import { FixedClock } from '../../../src/common/clock';
import { Role } from '../../../src/common/auth/roles';
import { DirectorySyncRunEntity } from '../../../src/directory/directory-sync-run.entity';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { createEmployee, createProvisionableEmployee } from '../../factories';
import { SPECIAL_CATEGORY_PROPERTIES } from '../../hardening/support/response-shapes';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { managerSession } from '../manager/manager-fixtures';
import { handOverLaptop } from '../vpn/vpn-fixtures';

const TODAY = '2026-03-10';
/** TODAY + 90: an employer's withdrawal from a disabled worker (30 days for anyone else: 2026-04-09). */
const EFFECTIVE_AFTER_90_DAYS = '2026-06-08';
const HEALTH_REASON = 'Assenza per motivi di salute (certificato medico)';

/** Every key of a JSON value, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

/**
 * Issue 11 item 8. The disability status of an employee (GDPR art. 9) reached technician, hot-line and RTD tokens,
 * both as `disabledWorker` and through the withdrawal of the agreement (basis `notice_90_days_disabled_worker`,
 * 90 days' notice, an effective date 90 days out); and the RTD, whom SPEC §1 gives aggregates only, could list
 * every agreement and certificate. Now each role gets its own response type and the RTD no per-person route.
 */
describe('responses by role: special-category data for HR and admins, aggregates only for the RTD', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let withdrawn: { employee: EmployeeEntity; agreementId: string };
  let suspended: { employee: EmployeeEntity; agreementId: string };
  let untouched: { employee: EmployeeEntity; agreementId: string };

  const get = (role: Role, url: string) => t.http().get(url).set(auth(tokens[role]));
  const disabledWorkerWithAgreement = async () => {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { disabledWorker: true } });
    return { employee, agreementId: agreement.id };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const role of ['technician', 'hotline', 'hr', 'rtd'] as const) tokens[role] = await t.tokenFor(role, `by-role-${role}`);
    tokens.admin = t.adminToken;
    // a manager's own login that reaches the three people wherever they work: the Direttore Generale's
    const dg = await createEmployee(t.dataSource, { isDirectorGeneral: true, firstName: 'Dora', lastName: 'Generale' });
    tokens.manager = await managerSession(t, dg, clock.now());

    withdrawn = await disabledWorkerWithAgreement();
    const w = await t
      .http()
      .post(`/api/v1/agreements/${withdrawn.agreementId}/withdraw`)
      .set(auth(tokens.hr))
      .send({ initiatedBy: 'employer', noticeDate: TODAY, reason: 'Riorganizzazione del servizio' })
      .expect(200);
    expect(w.body.withdrawal).toMatchObject({ basis: 'notice_90_days_disabled_worker', noticeDays: 90, effectiveDate: EFFECTIVE_AFTER_90_DAYS });

    suspended = await disabledWorkerWithAgreement();
    await t.http().post(`/api/v1/agreements/${suspended.agreementId}/suspend`).set(auth(tokens.hr)).send({ reason: HEALTH_REASON }).expect(200);

    untouched = await disabledWorkerWithAgreement();
  });
  afterAll(() => t?.close());

  /** What each role reads of the three people, by every route that shows an employee or an agreement. */
  const readings = async (role: Role) => [
    ...(await Promise.all(
      [withdrawn, suspended].flatMap(({ employee, agreementId }) => [
        get(role, `/api/v1/employees/${employee.id}`).expect(200),
        get(role, `/api/v1/employees?q=${encodeURIComponent(employee.employeeNumber)}`).expect(200),
        get(role, `/api/v1/agreements/${agreementId}`).expect(200),
        get(role, `/api/v1/agreements?employeeId=${employee.id}`).expect(200),
      ]),
    )),
  ];

  it.each(['technician', 'hotline', 'manager'] as const)(
    '%s reads employees and agreements without the disability status or anything that follows from it',
    async (role) => {
      const bodies = (await readings(role)).map((r) => r.body);
      // the records are there (the test is not vacuous)…
      expect(bodies[0]).toMatchObject({ id: withdrawn.employee.id, isManager: false, active: true });
      expect(bodies[1].items.map((e: { id: string }) => e.id)).toEqual([withdrawn.employee.id]);
      expect(bodies[2]).toMatchObject({ id: withdrawn.agreementId, state: 'active', inForceToday: true, endedOn: null });
      expect(bodies[3].items.map((a: { id: string }) => a.id)).toEqual([withdrawn.agreementId]);
      expect(bodies[6]).toMatchObject({ id: suspended.agreementId, state: 'suspended', suspension: { suspendedAt: expect.any(String) } });
      // …without the special-category part: no flag, no withdrawal (basis, notice days, notice and effective dates), no free-text reason
      for (const body of bodies) {
        expect(keysOf(body).filter((k) => SPECIAL_CATEGORY_PROPERTIES.includes(k))).toEqual([]);
        const text = JSON.stringify(body);
        expect(text).not.toContain(EFFECTIVE_AFTER_90_DAYS);
        expect(text).not.toContain('notice_90');
        expect(text).not.toContain(HEALTH_REASON);
      }
    },
  );

  it.each(['hr', 'admin'] as const)('%s reads them whole', async (role) => {
    const bodies = (await readings(role)).map((r) => r.body);
    expect(bodies[0]).toMatchObject({ id: withdrawn.employee.id, disabledWorker: true });
    expect(bodies[1].items[0]).toMatchObject({ id: withdrawn.employee.id, disabledWorker: true });
    const withdrawal = {
      initiatedBy: 'employer',
      noticeDate: TODAY,
      effectiveDate: EFFECTIVE_AFTER_90_DAYS,
      basis: 'notice_90_days_disabled_worker',
      noticeDays: 90,
    };
    expect(bodies[2].withdrawal).toMatchObject(withdrawal);
    expect(bodies[3].items[0].withdrawal).toMatchObject(withdrawal);
    expect(bodies[6].suspension).toEqual({ suspendedAt: expect.any(String), reason: HEALTH_REASON });
  });

  it('gives the others no other way to the notice: no question about days after today, no withdrawal but by HR', async () => {
    const future = `/api/v1/agreements?employeeId=${withdrawn.employee.id}&inForceOn=2026-06-07`;
    // still in force on day 89 would tell a 90-day notice
    expect((await get('technician', future).expect(403)).body.error.code).toBe('IN_FORCE_DATE_AFTER_TODAY');
    expect((await get('manager', future).expect(403)).body.error.code).toBe('IN_FORCE_DATE_AFTER_TODAY');
    expect((await get('technician', `/api/v1/agreements?employeeId=${withdrawn.employee.id}&inForceOn=${TODAY}`).expect(200)).body.items).toHaveLength(1);
    expect((await get('hr', future).expect(200)).body.items).toHaveLength(1);

    // a manager asking for 30 days was told "not before 2026-06-08 (90 days' notice, notice_90_days_disabled_worker)"
    const byManager = await t
      .http()
      .post(`/api/v1/agreements/${untouched.agreementId}/withdraw`)
      .set(auth(tokens.manager))
      .send({ initiatedBy: 'employer', noticeDate: TODAY, effectiveDate: '2026-04-09', reason: 'Riorganizzazione' })
      .expect(403);
    expect(byManager.body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(byManager.body)).not.toMatch(/2026-06-08|notice_90|noticeDays/);
    expect((await get('hr', `/api/v1/agreements/${untouched.agreementId}`).expect(200)).body).toMatchObject({ withdrawal: null, version: 3 });
  });

  it('refuses the RTD every per-person route, and its aggregates name nobody', async () => {
    const person = untouched.employee.id;
    const laptop = await handOverLaptop(t, person);
    const perPerson = [
      '/api/v1/employees',
      `/api/v1/employees/${person}`,
      `/api/v1/employees/${person}/eligibility`,
      `/api/v1/employees/${person}/provisioning-status`,
      `/api/v1/employees/${person}/declared-equipment`,
      '/api/v1/agreements',
      `/api/v1/agreements/${untouched.agreementId}`,
      '/api/v1/certificates',
      '/api/v1/certificates/7a3f0c1d2e4b5a69',
      '/api/v1/assets',
      `/api/v1/assets/${laptop.id}`,
      '/api/v1/handovers',
      '/api/v1/return-tasks',
      '/api/v1/vpn/accounts',
      '/api/v1/offboarding/cases',
      '/api/v1/audit/events',
    ];
    const answers = await Promise.all(perPerson.map(async (url) => `${url} ${(await get('rtd', url)).status}`));
    expect(answers).toEqual(perPerson.map((url) => `${url} 403`));

    // a leaver still holding the laptop: the RTD's indicator counts them, and names nobody
    await t
      .http()
      .patch(`/api/v1/employees/${person}`)
      .set(auth(tokens.hr))
      .send({ version: untouched.employee.version, active: false, deactivationReason: 'resigned' })
      .expect(200);
    clock.advance(86_400_000);
    const pola = await get('rtd', '/api/v1/kpi/pola?year=2026').expect(200);
    const leavers = pola.body.operational.find((i: { id: string }) => i.id === 'leavers_holding_equipment');
    expect(leavers).toMatchObject({ value: 1, numerator: 1, details: { assetsHeld: 1 } });
    const report = JSON.stringify(pola.body);
    for (const identifying of [
      person,
      untouched.employee.employeeNumber,
      untouched.employee.lastName,
      untouched.employee.username as string,
      laptop.id,
      laptop.assetTag,
    ]) {
      expect(report).not.toContain(identifying);
    }
    for (const url of [
      '/api/v1/kpi/series',
      '/api/v1/pki/status',
      '/api/v1/inventory/stock',
      '/api/v1/activities/summary',
      '/api/v1/vpn/gateways/load',
      '/dashboard',
    ]) {
      await get('rtd', url).expect(200);
    }
  });

  it('shows the RTD a directory sync in counts, without the entries its errors name', async () => {
    const id = randomUUID();
    await t.dataSource.getRepository(DirectorySyncRunEntity).insert({
      id,
      status: 'ok',
      trigger: 'manual',
      kind: 'full',
      requestedBy: 'Mario Bianchi (admin)',
      requestedAt: `${TODAY}T08:00:00.000Z`,
      startedAt: `${TODAY}T08:00:01.000Z`,
      finishedAt: `${TODAY}T08:00:05.000Z`,
      created: 1,
      updated: 2,
      deactivated: 0,
      reactivated: 0,
      unchanged: 40,
      skipped: 1,
      directoryEntries: 44,
      errors: JSON.stringify([
        { dn: 'uid=lucia.verdi,ou=people,dc=comune,dc=example', key: 'c1f0e2a9', field: 'serviceCode', reason: 'unknown service code ZZ' },
      ]),
      errorCount: 1,
      durationMs: 4000,
      refusalReason: null,
      failure: null,
      runningSlot: null,
    });
    for (const url of [`/api/v1/directory/sync-runs/${id}`, '/api/v1/directory/sync-runs']) {
      const rtd = (await get('rtd', url).expect(200)).body;
      const run = Array.isArray(rtd.items) ? rtd.items.find((r: { id: string }) => r.id === id) : rtd;
      expect(run).toMatchObject({ id, status: 'ok', created: 1, skipped: 1, errorCount: 1, directoryEntries: 44 });
      expect(run).not.toHaveProperty('errors');
      expect(run).not.toHaveProperty('requestedBy');
      expect(JSON.stringify(rtd)).not.toMatch(/lucia\.verdi|Mario Bianchi/);
    }
    const admin = (await get('admin', `/api/v1/directory/sync-runs/${id}`).expect(200)).body;
    expect(admin).toMatchObject({ requestedBy: 'Mario Bianchi (admin)', errors: [{ dn: 'uid=lucia.verdi,ou=people,dc=comune,dc=example' }] });
  });

  it("gives a gateway's credential no record of anyone, not even an aggregate: only its own connect-time answers", async () => {
    const gatewayId = (await get('admin', '/api/v1/vpn/gateways').expect(200)).body[0].id;
    const gateway = (await t.http().post(`/api/v1/vpn/gateways/${gatewayId}/credential`).set(auth(t.adminToken)).expect(201)).body.token;
    const person = untouched.employee.id;
    const everyRead = [
      '/api/v1/auth/me',
      '/api/v1/employees',
      `/api/v1/employees/${person}`,
      `/api/v1/employees/${person}/provisioning-status`,
      '/api/v1/agreements',
      `/api/v1/agreements/${untouched.agreementId}`,
      '/api/v1/certificates',
      '/api/v1/assets',
      '/api/v1/vpn/accounts',
      '/api/v1/vpn/gateways',
      `/api/v1/vpn/gateways/${gatewayId}`,
      '/api/v1/vpn/gateways/load',
      '/api/v1/kpi/pola?year=2026',
      '/api/v1/pki/status',
      '/api/v1/audit/events',
    ];
    const answers = await Promise.all(everyRead.map(async (url) => `${url} ${(await t.http().get(url).set(auth(gateway))).status}`));
    expect(answers).toEqual(everyRead.map((url) => `${url} 403`));
    // what it may ask: whether a certificate gets in, for its own gateway — a decision and directives, no person
    const answer = await t.http().post(`/api/v1/vpn/gateways/${gatewayId}/connect-check`).set(auth(gateway)).send({ serial: '7a3f0c1d2e4b5a69' }).expect(200);
    expect(answer.body).toEqual({ decision: 'deny', reason: 'UNKNOWN_CERTIFICATE', directives: [] });
  });

  it('documents the response type of each role in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const agreement = doc.paths['/api/v1/agreements/{id}'].get;
    expect(agreement['x-response-by-role']).toEqual({ admin: 'AgreementHrDto', hr: 'AgreementHrDto', '*': 'AgreementDto' });
    expect(agreement.responses['200'].content['application/json'].schema.oneOf).toEqual([
      { $ref: '#/components/schemas/AgreementHrDto' },
      { $ref: '#/components/schemas/AgreementDto' },
    ]);
    expect(doc.paths['/api/v1/employees/{id}'].get['x-response-by-role']).toEqual({ admin: 'EmployeeHrDto', hr: 'EmployeeHrDto', '*': 'EmployeeDto' });
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.EmployeeDto.properties)).not.toContain('disabledWorker');
    expect(Object.keys(schemas.EmployeeHrDto.properties)).toContain('disabledWorker');
    expect(Object.keys(schemas.AgreementDto.properties)).not.toContain('withdrawal');
    expect(schemas.AgreementHrDto.properties.withdrawal.allOf ?? [schemas.AgreementHrDto.properties.withdrawal]).toEqual(
      expect.arrayContaining([expect.objectContaining({ $ref: '#/components/schemas/WithdrawalDto' })]),
    );
  });
});
