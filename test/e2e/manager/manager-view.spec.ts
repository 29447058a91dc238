import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceEntity } from '../../../src/directory/service.entity';
import { AgreementEntity } from '../../../src/agreements/agreement.entity';
import {
  agreementBody,
  createActivity,
  createAgreementInForce,
  createEmployee,
  createManager,
  createService,
  DOCUMENT_REFERENCE,
  DOCUMENT_SHA256,
  linkActivities,
  makeEligible,
} from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { managerSession } from './manager-fixtures';

const TODAY = '2026-03-10';
const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

/**
 * Issue 15, managers: /api/v1/manager/* shows a manager the people of the service they manage — never another
 * service's — and every act (countersignature, VPN approval) is their own login's, through the owning route.
 */
describe("the manager's own view (VPN_MANAGER_APPROVAL=true)", () => {
  let t: TestApp;
  let hr: string;
  let hotline: string;
  let service: ServiceEntity;
  let boss: EmployeeEntity;
  let otherBoss: EmployeeEntity;
  let asBoss: string;
  let asOtherBoss: string;
  let fully: EmployeeEntity;
  let none: EmployeeEntity;
  let stranger: EmployeeEntity;

  const http = () => t.http();
  const get = (path: string, token: string) => http().get(path).set(auth(token));
  const decide = (token: string, accountId: string, body: Record<string, unknown>) =>
    http().post(`/api/v1/vpn/accounts/${accountId}/manager-approval`).set(auth(token)).send(body);
  const requestVpn = async (employeeId: string): Promise<string> =>
    (await http().post('/api/v1/vpn/accounts').set(auth(hotline)).send({ employeeId, profile: 'dipendenti' }).expect(201)).body.id;
  const approveByHotline = (accountId: string) => http().post(`/api/v1/vpn/accounts/${accountId}/approve`).set(auth(hotline)).send({});
  /** A draft of the employee's agreement with their signature recorded (HR, from paper): it awaits the counterpart. */
  const signedByEmployee = async (employee: EmployeeEntity): Promise<string> => {
    const id = (
      await http()
        .post('/api/v1/agreements')
        .set(auth(hr))
        .send(agreementBody(employee.id, { safetyNoticeDeliveredOn: '2026-03-01' }))
        .expect(201)
    ).body.id;
    await http()
      .post(`/api/v1/agreements/${id}/sign`)
      .set(auth(hr))
      .send({ party: 'employee', signerEmployeeId: employee.id, documentSha256: DOCUMENT_SHA256 })
      .expect(200);
    return id;
  };
  const clerk = async (overrides: Partial<EmployeeEntity> = {}) => createEmployee(t.dataSource, { serviceId: service.id, ...overrides });

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { VPN_MANAGER_APPROVAL: 'true' } });
    hr = await t.tokenFor('hr');
    hotline = await t.tokenFor('hotline');
    service = await createService(t.dataSource, { name: 'Servizio Sistemi Informativi' });
    const otherService = await createService(t.dataSource, { name: 'Servizio Tributi' });
    boss = await createManager(t.dataSource, service.id, { firstName: 'Renata', lastName: 'Capo' });
    otherBoss = await createManager(t.dataSource, otherService.id, { firstName: 'Ugo', lastName: 'Altro' });
    asBoss = await managerSession(t, boss, clock.now());
    asOtherBoss = await managerSession(t, otherBoss, clock.now());

    fully = await clerk({ lastName: 'Aaa Remoto', disabledWorker: true });
    const remote = await createActivity(t.dataSource, service, { name: 'Gestione ticket', mode: 'fully_remote' });
    await linkActivities(t.dataSource, fully.id, [remote.id]);
    await createAgreementInForce(t.dataSource, fully, { today: TODAY, managerSignerId: boss.id });
    none = await clerk({ lastName: 'Bbb Sportello' });
    const desk = await createActivity(t.dataSource, service, { name: 'Sportello al pubblico', mode: 'in_presence' });
    await linkActivities(t.dataSource, none.id, [desk.id]);
    stranger = await createEmployee(t.dataSource, { serviceId: otherService.id, lastName: 'Zzz Estraneo' });
    await makeEligible(t.dataSource, stranger);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists the people of their own service with activities, eligibility, agreement and VPN, and no special-category data', async () => {
    const res = await get('/api/v1/manager/team', asBoss).expect(200);
    expect(res.body.service).toEqual({ id: service.id, code: service.code, name: 'Servizio Sistemi Informativi' });
    expect(res.body.vpnManagerApproval).toBe(true);
    const ids = res.body.people.map((p: { employeeId: string }) => p.employeeId);
    expect(ids).toEqual(expect.arrayContaining([fully.id, none.id]));
    expect(ids).not.toContain(boss.id);
    expect(ids).not.toContain(stranger.id);
    const remote = res.body.people.find((p: { employeeId: string }) => p.employeeId === fully.id);
    expect(remote).toMatchObject({
      eligible: true,
      remoteCapability: 'fully',
      activities: [{ name: 'Gestione ticket', mode: 'fully_remote', remoteCapable: true }],
      agreement: { state: 'active', inForceToday: true },
      vpnAccounts: [],
    });
    expect(res.body.people.find((p: { employeeId: string }) => p.employeeId === none.id)).toMatchObject({
      eligible: false,
      remoteCapability: 'none',
      agreement: null,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/disabled/i);

    const theirs = await get('/api/v1/manager/team', asOtherBoss).expect(200);
    expect(theirs.body.people.map((p: { employeeId: string }) => p.employeeId)).toEqual([stranger.id]);
  });

  it('answers 404 MANAGED_SERVICE_NOT_FOUND to a login that is no active dirigente of a service', async () => {
    const plainManagerToken = await t.tokenFor('manager', 'not-a-directory-login');
    for (const path of ['/api/v1/manager/team', '/api/v1/manager/countersignatures', '/api/v1/manager/vpn-requests']) {
      expect((await get(path, plainManagerToken).expect(404)).body.error.code).toBe('MANAGED_SERVICE_NOT_FOUND');
    }
    const clerkAsManager = await managerSession(t, none, clock.now());
    expect((await get('/api/v1/manager/team', clerkAsManager).expect(404)).body.error.code).toBe('MANAGED_SERVICE_NOT_FOUND');
  });

  it('lists the agreements awaiting their counterpart signature; their own login signs, another manager is refused', async () => {
    const person = await clerk({ lastName: 'Ccc Firma' });
    await makeEligible(t.dataSource, person);
    const id = await signedByEmployee(person);
    const tasks = await get('/api/v1/manager/countersignatures', asBoss).expect(200);
    expect(tasks.body.managerEmployeeId).toBe(boss.id);
    expect(tasks.body.tasks).toContainEqual(expect.objectContaining({ agreementId: id, action: 'sign', documentSha256: DOCUMENT_SHA256 }));
    expect(
      (await get('/api/v1/manager/countersignatures', asOtherBoss).expect(200)).body.tasks.map((i: { agreementId: string }) => i.agreementId),
    ).not.toContain(id);

    const sign = (token: string, signer: EmployeeEntity) =>
      http().post(`/api/v1/agreements/${id}/sign`).set(auth(token)).send({ party: 'manager', signerEmployeeId: signer.id, documentSha256: DOCUMENT_SHA256 });
    // another service's manager does not reach this person: refused before the signature rules are asked, audited
    expect((await sign(asOtherBoss, otherBoss).expect(403)).body.error.code).toBe('NOT_MANAGER_OF_EMPLOYEE');
    expect((await sign(asOtherBoss, boss).expect(403)).body.error.code).toBe('NOT_MANAGER_OF_EMPLOYEE');
    const refusals = await t.dataSource.getRepository(AuditEventEntity).findBy({ action: 'employee.reach_refused', entityId: person.id });
    expect(refusals.map((r) => r.actor.split(' ')[0])).toEqual([`employee:${otherBoss.id}`, `employee:${otherBoss.id}`]);
    expect((await t.dataSource.getRepository(AgreementEntity).findOneByOrFail({ id })).state).toBe('draft');

    const signed = await sign(asBoss, boss).expect(200);
    expect(signed.body).toMatchObject({ state: 'active', signatures: { countersignature: { status: 'confirmed', confirmedBy: `employee:${boss.id}` } } });
    expect((await get('/api/v1/manager/countersignatures', asBoss).expect(200)).body.tasks.map((i: { agreementId: string }) => i.agreementId)).not.toContain(
      id,
    );
  });

  it('lists a counterpart signature recorded from paper in their name; only their own login confirms it', async () => {
    const person = await clerk({ lastName: 'Ddd Carta' });
    await makeEligible(t.dataSource, person);
    const id = await signedByEmployee(person);
    await http()
      .post(`/api/v1/agreements/${id}/sign`)
      .set(auth(hr))
      .send({ party: 'manager', signerEmployeeId: boss.id, documentSha256: DOCUMENT_SHA256, documentReference: DOCUMENT_REFERENCE })
      .expect(200);
    const tasks = (await get('/api/v1/manager/countersignatures', asBoss).expect(200)).body.tasks;
    expect(tasks).toContainEqual(
      expect.objectContaining({ agreementId: id, action: 'confirm', state: 'awaiting_confirmation', documentReference: DOCUMENT_REFERENCE }),
    );

    const confirm = (token: string) => http().post(`/api/v1/agreements/${id}/countersignature/confirm`).set(auth(token)).send({});
    expect((await confirm(asOtherBoss).expect(403)).body.error.code).toBe('NOT_MANAGER_OF_EMPLOYEE');
    expect((await confirm(hr).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await t.dataSource.getRepository(AgreementEntity).findOneByOrFail({ id })).state).toBe('awaiting_confirmation');
    expect((await confirm(asBoss).expect(200)).body).toMatchObject({
      state: 'active',
      signatures: { countersignature: { confirmedBy: `employee:${boss.id}` } },
    });
  });

  it("makes the hot-line's approval wait for the manager's, which only the manager of that service gives, once", async () => {
    const account = await requestVpn(fully.id);
    expect((await approveByHotline(account).expect(422)).body.error.code).toBe('MANAGER_APPROVAL_PENDING');
    const requests = (await get('/api/v1/manager/vpn-requests', asBoss).expect(200)).body;
    expect(requests).toMatchObject({ enabled: true, requests: [{ accountId: account, employeeId: fully.id, profile: 'dipendenti', eligible: true }] });
    expect((await get('/api/v1/manager/vpn-requests', asOtherBoss).expect(200)).body.requests).toEqual([]);
    const team = (await get('/api/v1/manager/team', asBoss).expect(200)).body.people.find((p: { employeeId: string }) => p.employeeId === fully.id);
    expect(team.vpnAccounts).toEqual([{ id: account, profile: 'dipendenti', state: 'requested', awaitingManager: true, managerDecision: null }]);

    expect((await decide(asOtherBoss, account, { approve: true }).expect(403)).body.error.code).toBe('NOT_MANAGER_OF_EMPLOYEE');
    expect((await decide(await t.tokenFor('manager', 'shared-manager-token'), account, { approve: true }).expect(403)).body.error.code).toBe(
      'NOT_MANAGER_OF_EMPLOYEE',
    );
    expect((await decide(t.adminToken, account, { approve: true }).expect(403)).body.error.code).toBe('NOT_MANAGER_OF_EMPLOYEE');
    expect((await decide(asBoss, account, { approve: 'yes' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    expect((await approveByHotline(account).expect(422)).body.error.code).toBe('MANAGER_APPROVAL_PENDING');

    // Two clicks at once: one decision is recorded, the other is told it was taken already.
    const both = await Promise.all([decide(asBoss, account, { approve: true, note: 'ok' }), decide(asBoss, account, { approve: true })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).toBe('MANAGER_APPROVAL_ALREADY_DECIDED');
    const decided = both.find((r) => r.status === 200)!.body;
    expect(decided).toMatchObject({ accountId: account, decision: 'approved', decidedBy: `employee:${boss.id}`, decidedAt: clock.now().toISOString() });
    expect((await decide(asBoss, account, { approve: false }).expect(409)).body.error.code).toBe('MANAGER_APPROVAL_ALREADY_DECIDED');
    const audited = await t.dataSource.getRepository(AuditEventEntity).findBy({ entityId: account, action: 'vpn.account.manager-approved' });
    expect(audited).toHaveLength(1);
    expect(audited[0].actor).toMatch(new RegExp(`^employee:${boss.id}\\b`));
    expect((await get('/api/v1/manager/vpn-requests', asBoss).expect(200)).body.requests).toEqual([]);

    expect((await approveByHotline(account).expect(200)).body.state).toBe('approved');
    expect((await decide(asBoss, account, { approve: true }).expect(409)).body.error.code).toBe('VPN_ACCOUNT_STATE_CONFLICT');
  });

  it('a refusal blocks the request: the hot-line cannot approve it, revokes it, and a new request waits again', async () => {
    const person = await clerk({ lastName: 'Eee Rifiuto' });
    await makeEligible(t.dataSource, person);
    await createAgreementInForce(t.dataSource, person, { today: TODAY, managerSignerId: boss.id });
    const account = await requestVpn(person.id);
    expect((await decide(asBoss, account, { approve: false, note: 'non serve' }).expect(200)).body).toMatchObject({ decision: 'refused', note: 'non serve' });
    expect((await approveByHotline(account).expect(422)).body.error.code).toBe('MANAGER_APPROVAL_REFUSED');
    const refusal = await http().post(`/api/v1/vpn/accounts/${account}/approve`).set(auth(hotline)).set('Accept-Language', 'it').send({}).expect(422);
    expect(refusal.body.error.message).toMatch(/dirigente.*rifiutato/);
    await http().post(`/api/v1/vpn/accounts/${account}/revoke`).set(auth(hotline)).send({ reason: 'unspecified' }).expect(200);
    const again = await requestVpn(person.id);
    expect((await approveByHotline(again).expect(422)).body.error.code).toBe('MANAGER_APPROVAL_PENDING');
    expect((await get('/api/v1/manager/vpn-requests', asBoss).expect(200)).body.requests.map((i: { accountId: string }) => i.accountId)).toContain(again);
  });

  it('refuses a bulk onboarding, which would create accounts already approved, item by item, writing nothing', async () => {
    const person = await clerk({ lastName: 'Fff Massivo' });
    const item = { employeeId: person.id, profile: 'dipendenti', stationAssetId: '00000000-0000-4000-8000-000000000001', csrPem: 'x' };
    const res = await http()
      .post('/api/v1/vpn/accounts/bulk-onboard')
      .set(auth(hotline))
      .send({ items: [item] })
      .expect(422);
    expect(res.body.error.code).toBe('BULK_ONBOARDING_REFUSED');
    expect(JSON.stringify(res.body.error.details)).toContain('MANAGER_APPROVAL_PENDING');
    expect((await http().get(`/api/v1/vpn/accounts?employeeId=${person.id}`).set(auth(hotline)).expect(200)).body.items).toEqual([]);
  });

  it('refuses a decision on an account that does not exist', async () => {
    expect((await decide(asBoss, '00000000-0000-4000-8000-000000000000', { approve: true }).expect(404)).body.error.code).toBe('VPN_ACCOUNT_NOT_FOUND');
  });
});

describe("the manager's own view with the step off (the default)", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('changes nothing for the hot-line: its approval goes ahead, and the manager has no VPN request to decide', async () => {
    const hotline = await t.tokenFor('hotline');
    const service = await createService(t.dataSource);
    const boss = await createManager(t.dataSource, service.id);
    const person = await createEmployee(t.dataSource, { serviceId: service.id });
    await makeEligible(t.dataSource, person);
    await createAgreementInForce(t.dataSource, person, { today: TODAY, managerSignerId: boss.id });
    const asBoss = await managerSession(t, boss, clock.now());
    const account = (await t.http().post('/api/v1/vpn/accounts').set(auth(hotline)).send({ employeeId: person.id, profile: 'dipendenti' }).expect(201)).body.id;

    expect((await t.http().get('/api/v1/manager/vpn-requests').set(auth(asBoss)).expect(200)).body).toEqual({ enabled: false, requests: [] });
    const team = (await t.http().get('/api/v1/manager/team').set(auth(asBoss)).expect(200)).body;
    expect(team.vpnManagerApproval).toBe(false);
    expect(team.people[0].vpnAccounts[0]).toMatchObject({ id: account, awaitingManager: false, managerDecision: null });
    const refused = await t.http().post(`/api/v1/vpn/accounts/${account}/manager-approval`).set(auth(asBoss)).send({ approve: true }).expect(422);
    expect(refused.body.error.code).toBe('MANAGER_APPROVAL_NOT_ENABLED');
    expect((await t.http().post(`/api/v1/vpn/accounts/${account}/approve`).set(auth(hotline)).send({}).expect(200)).body.state).toBe('approved');
  });
});
