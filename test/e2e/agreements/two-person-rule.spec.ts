import { Attribute, Change } from 'ldapts';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { DOCUMENT_REFERENCE, DOCUMENT_SHA256, agreementBody, makeEligible } from '../../factories';
import { generatePeople, LdapSandbox, personDn, SERVICES } from '../../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const TODAY = '2026-03-10';

/**
 * Issue 11 item 4: one HR account could open the gate alone — flag an employee manager, record the employee's and
 * the "manager's" signature. Now the manager flags are an admin's (or the directory's) to set, and a counterpart
 * signature counts only as the countersigner's own act (their directory login, here against the real slapd) or
 * once a second person confirms the paper HR recorded. People come from the directory: person 3 of each generated
 * batch is a dirigente of service CP, the others clerks spread over CP, PA and SD.
 */
describe('the two-person rule: no single account takes an employee from no agreement to passing the gate', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let sandbox: LdapSandbox;
  let t: TestApp;
  let hr: string;
  let hotline: string;
  const people = generatePeople(19, 'tp');
  const boss = people[3];
  const otherBoss = generatePeople(4, 'tq')[3];
  /** Clerks of service CP, the boss's: each test works on its own. */
  const clerks = people.filter((p, i) => i !== 3 && p.departmentNumber === 'CP');
  const byUid = new Map<string, EmployeeEntity>();
  const id = (uid: string) => byUid.get(uid)!.id;

  const login = async (uid: string, password: string): Promise<string> =>
    (await t.http().post('/api/v1/auth/login').send({ username: uid, password }).expect(200)).body.token;
  const draft = async (employeeUid: string, token = hr): Promise<string> => {
    await makeEligible(t.dataSource, byUid.get(employeeUid)!);
    return (
      await t
        .http()
        .post('/api/v1/agreements')
        .set(auth(token))
        .send(agreementBody(id(employeeUid), { safetyNoticeDeliveredOn: '2026-03-01' }))
        .expect(201)
    ).body.id;
  };
  const sign = (token: string, agreementId: string, party: 'employee' | 'manager', signerUid: string, extra: Record<string, unknown> = {}) =>
    t
      .http()
      .post(`/api/v1/agreements/${agreementId}/sign`)
      .set(auth(token))
      .send({ party, signerEmployeeId: id(signerUid), documentSha256: DOCUMENT_SHA256, ...extra });
  const confirm = (token: string, agreementId: string) => t.http().post(`/api/v1/agreements/${agreementId}/countersignature/confirm`).set(auth(token)).send({});
  const gate = async (employeeUid: string) =>
    (
      await t
        .http()
        .get(`/api/v1/employees/${id(employeeUid)}/provisioning-status`)
        .set(auth(hr))
        .expect(200)
    ).body;
  const read = async (agreementId: string) => (await t.http().get(`/api/v1/agreements/${agreementId}`).set(auth(hr)).expect(200)).body;
  const audit = (entityId: string) => t.dataSource.getRepository(AuditEventEntity).find({ where: { entityId }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    sandbox = await LdapSandbox.create([...people, otherBoss], { 'rw-managers': [], 'rw-admins': [] });
    await sandbox.admin((c) =>
      c.modify(
        sandbox.groupDn('rw-managers'),
        new Change({
          operation: 'add',
          modification: new Attribute({ type: 'member', values: [personDn(boss, sandbox.baseDn), personDn(otherBoss, sandbox.baseDn)] }),
        }),
      ),
    );
    t = await startTestApp({ clock, env: sandbox.serviceEnv() });
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
    await t.http().post('/api/v1/directory/sync?wait=true').set(auth(t.adminToken)).expect(200);
    for (const e of await t.dataSource.getRepository(EmployeeEntity).find()) if (e.username) byUid.set(e.username, e);
    expect(byUid.get(boss.uid)).toMatchObject({ isManager: true });
    expect(byUid.get(otherBoss.uid)).toMatchObject({ isManager: true });
    hr = await t.tokenFor('hr', 'ufficio-personale');
    hotline = await t.tokenFor('hotline');
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('HR cannot make anyone a countersigner: creating, flagging, moving a manager and importing flags are refused, changing nothing', async () => {
    const created = await t
      .http()
      .post('/api/v1/employees')
      .set(auth(hr))
      .send({ employeeNumber: 'FAKE-1', firstName: 'Finto', lastName: 'Dirigente', serviceCode: 'CP', isManager: true })
      .expect(403);
    expect(created.body.error).toMatchObject({ code: 'MANAGER_FLAG_NEEDS_ADMIN', details: { fields: ['isManager'] } });
    const dg = await t
      .http()
      .post('/api/v1/employees')
      .set(auth(hr))
      .send({ employeeNumber: 'FAKE-2', firstName: 'Finto', lastName: 'DG', serviceCode: 'CP', isDirectorGeneral: true })
      .expect(403);
    expect(dg.body.error.code).toBe('MANAGER_FLAG_NEEDS_ADMIN');
    expect(await t.dataSource.getRepository(EmployeeEntity).countBy({ employeeNumber: 'FAKE-1' })).toBe(0);

    const clerk = byUid.get(clerks[0].uid)!;
    const flag = await t.http().patch(`/api/v1/employees/${clerk.id}`).set(auth(hr)).send({ version: clerk.version, isManager: true }).expect(403);
    expect(flag.body.error.code).toBe('MANAGER_FLAG_NEEDS_ADMIN');
    const manager = byUid.get(otherBoss.uid)!;
    const move = await t.http().patch(`/api/v1/employees/${manager.id}`).set(auth(hr)).send({ version: manager.version, serviceCode: 'PA' }).expect(403);
    expect(move.body.error).toMatchObject({ code: 'MANAGER_FLAG_NEEDS_ADMIN', details: { fields: ['serviceId'] } });
    const csv = `employee_number,first_name,last_name,service_code,is_manager\nFAKE-3,Finto,Capo,CP,sì\n${clerk.employeeNumber},${clerk.firstName},${clerk.lastName},CP,sì\n`;
    const imported = await t.http().post('/api/v1/employees/import').set(auth(hr)).set('Content-Type', 'text/csv').send(csv).expect(422);
    expect(imported.body.error.code).toBe('IMPORT_REJECTED');
    expect(imported.body.error.details.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
      [2, 'MANAGER_FLAG_NEEDS_ADMIN'],
      [3, 'MANAGER_FLAG_NEEDS_ADMIN'],
    ]);

    const after = await t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: clerk.id });
    expect(after).toMatchObject({ isManager: false, version: clerk.version });
    expect(await t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id: manager.id })).toMatchObject({
      serviceId: manager.serviceId,
      version: manager.version,
    });
    expect(await t.dataSource.getRepository(EmployeeEntity).countBy({ employeeNumber: 'FAKE-3' })).toBe(0);
    // Each refusal left its audit entry, and only that.
    const refusals = (await t.dataSource.getRepository(AuditEventEntity).findBy({ action: 'employee.change_refused' })).map((e) => JSON.parse(e.summary).code);
    expect(refusals).toEqual(['MANAGER_FLAG_NEEDS_ADMIN', 'MANAGER_FLAG_NEEDS_ADMIN', 'MANAGER_FLAG_NEEDS_ADMIN', 'MANAGER_FLAG_NEEDS_ADMIN']);

    // An admin may (and the directory sync did, for the dirigenti above).
    await t
      .http()
      .patch(`/api/v1/employees/${manager.id}`)
      .set(auth(t.adminToken))
      .send({ version: manager.version, serviceCode: 'CP', firstName: 'Renato' })
      .expect(200);
  });

  it('one HR token records both signatures from paper: the agreement awaits a second person and the gate still refuses', async () => {
    const employee = clerks[0].uid;
    const agreementId = await draft(employee);
    await sign(hr, agreementId, 'employee', employee).expect(200);
    const noReference = await sign(hr, agreementId, 'manager', boss.uid).expect(422);
    expect(noReference.body.error.code).toBe('DOCUMENT_REFERENCE_REQUIRED');
    const recorded = await sign(hr, agreementId, 'manager', boss.uid, { documentReference: DOCUMENT_REFERENCE }).expect(200);
    expect(recorded.body).toMatchObject({
      state: 'awaiting_confirmation',
      inForceToday: false,
      signatures: {
        manager: null,
        countersignature: { status: 'awaiting_confirmation', signerEmployeeId: id(boss.uid), documentReference: DOCUMENT_REFERENCE, confirmedBy: null },
      },
    });
    expect(await gate(employee)).toMatchObject({ allowed: false, codes: ['AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED'], agreementId });

    // The real gate behind a VPN account says the same.
    const account = await t
      .http()
      .post('/api/v1/vpn/accounts')
      .set(auth(hotline))
      .send({ employeeId: id(employee), profile: 'dipendenti' })
      .expect(201);
    const approve = await t.http().post(`/api/v1/vpn/accounts/${account.body.id}/approve`).set(auth(hotline)).send({}).expect(422);
    expect(approve.body.error).toMatchObject({ code: 'GATE_REFUSED', details: { refusals: ['AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED'] } });

    // HR cannot confirm — not with this token, not with a second HR token.
    expect((await confirm(hr, agreementId).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await confirm(await t.tokenFor('hr', 'ufficio-personale-2'), agreementId).expect(403)).body.error.code).toBe('FORBIDDEN');
    const listed = await t.http().get('/api/v1/agreements?state=awaiting_confirmation').set(auth(hr)).expect(200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(agreementId);

    // An admin (a second person) checks the paper and confirms: now the gate opens.
    const confirmed = await confirm(t.adminToken, agreementId).expect(200);
    expect(confirmed.body).toMatchObject({
      state: 'active',
      inForceToday: true,
      signatures: { manager: { signerEmployeeId: id(boss.uid) }, countersignature: { status: 'confirmed' } },
    });
    expect(await gate(employee)).toMatchObject({ allowed: true, codes: [] });
    await t.http().post(`/api/v1/vpn/accounts/${account.body.id}/approve`).set(auth(hotline)).send({}).expect(200);
    const trail = await audit(agreementId);
    expect(trail.map((e) => [e.action, e.actorRole])).toEqual([
      ['agreement.create', 'hr'],
      ['agreement.sign', 'hr'],
      ['agreement.sign', 'hr'],
      ['agreement.countersignature_confirmed', 'admin'],
    ]);
  });

  it('whoever recorded a signature cannot confirm it: not the same token, a token it minted, nor its browser session', async () => {
    const employee = clerks[1].uid;
    const clerkAdmin = await t.tokenFor('admin', 'admin-who-records');
    const agreementId = await draft(employee, clerkAdmin);
    await sign(clerkAdmin, agreementId, 'employee', employee).expect(200);
    const recorded = await sign(clerkAdmin, agreementId, 'manager', boss.uid, { documentReference: DOCUMENT_REFERENCE }).expect(200);

    const self = await confirm(clerkAdmin, agreementId).expect(403);
    expect(self.body.error.code).toBe('SIGNATURE_NEEDS_SECOND_PERSON');
    const minted = (await t.http().post('/api/v1/tokens').set(auth(clerkAdmin)).send({ name: 'my-other-admin', role: 'admin' }).expect(201)).body.token;
    expect((await confirm(minted, agreementId).expect(403)).body.error.code).toBe('SIGNATURE_NEEDS_SECOND_PERSON');
    const session = await t.http().post('/api/v1/auth/session').send({ token: clerkAdmin }).expect(200);
    const cookie = session.headers['set-cookie'];
    const viaCookie = await t
      .http()
      .post(`/api/v1/agreements/${agreementId}/countersignature/confirm`)
      .set('Cookie', cookie)
      .set('x-rw-csrf', '1')
      .send({})
      .expect(403);
    expect(viaCookie.body.error.code).toBe('SIGNATURE_NEEDS_SECOND_PERSON');

    // Nothing changed; only the refusals were written.
    expect(await read(agreementId)).toMatchObject({ state: 'awaiting_confirmation', version: recorded.body.version });
    expect(await gate(employee)).toMatchObject({ allowed: false });
    const refused = (await audit(agreementId)).filter((e) => e.action === 'agreement.countersignature_refused').map((e) => JSON.parse(e.summary));
    expect(refused).toEqual([
      { operation: 'confirm', code: 'SIGNATURE_NEEDS_SECOND_PERSON' },
      { operation: 'confirm', code: 'SIGNATURE_NEEDS_SECOND_PERSON' },
      { operation: 'confirm', code: 'SIGNATURE_NEEDS_SECOND_PERSON' },
    ]);
    await confirm(t.adminToken, agreementId).expect(200);
    expect(await gate(employee)).toMatchObject({ allowed: true });
  });

  it("the paper flow confirmed by the countersigner's own directory login (real slapd), and by nobody else's", async () => {
    const employee = clerks[2].uid;
    const agreementId = await draft(employee);
    await sign(hr, agreementId, 'employee', employee).expect(200);
    await sign(hr, agreementId, 'manager', boss.uid, { documentReference: DOCUMENT_REFERENCE }).expect(200);

    const other = await login(otherBoss.uid, otherBoss.password);
    expect((await confirm(other, agreementId).expect(403)).body.error.code).toBe('NOT_THE_COUNTERSIGNER');
    const own = await login(boss.uid, boss.password);
    const me = await t.http().get('/api/v1/auth/me').set(auth(own)).expect(200);
    expect(me.body).toMatchObject({ id: `employee:${id(boss.uid)}`, role: 'manager' });
    const confirmed = await confirm(own, agreementId).expect(200);
    expect(confirmed.body).toMatchObject({
      state: 'active',
      signatures: { countersignature: { status: 'confirmed', confirmedBy: `employee:${id(boss.uid)}` } },
    });
    expect(await gate(employee)).toMatchObject({ allowed: true });
  });

  it('the manager signing with their own login counts at once when HR recorded the employee signature — but not when the manager did both', async () => {
    const own = await login(boss.uid, boss.password);

    const withHr = clerks[3].uid;
    const a1 = await draft(withHr);
    await sign(hr, a1, 'employee', withHr).expect(200);
    const signed = await sign(own, a1, 'manager', boss.uid).expect(200);
    expect(signed.body).toMatchObject({
      state: 'active',
      signatures: { countersignature: { status: 'confirmed', recordedBy: `employee:${id(boss.uid)}`, documentReference: null } },
    });
    expect(await gate(withHr)).toMatchObject({ allowed: true });

    // The manager alone: records the employee's paper signature, then signs — one person, it awaits an admin.
    const alone = clerks[4].uid;
    const a2 = await draft(alone, own);
    await sign(own, a2, 'employee', alone).expect(200);
    expect((await sign(own, a2, 'manager', boss.uid).expect(200)).body).toMatchObject({ state: 'awaiting_confirmation', signatures: { manager: null } });
    expect((await confirm(own, a2).expect(403)).body.error.code).toBe('SIGNATURE_NEEDS_SECOND_PERSON');
    expect(await gate(alone)).toMatchObject({ allowed: false, codes: ['AGREEMENT_NOT_SIGNED', 'COUNTERSIGNATURE_UNCONFIRMED'] });
    await confirm(t.adminToken, a2).expect(200);
    expect(await gate(alone)).toMatchObject({ allowed: true });

    // The other order: the manager signs first, then records the employee's signature — set back to awaiting.
    const reversed = clerks[5].uid;
    const a3 = await draft(reversed);
    expect((await sign(own, a3, 'manager', boss.uid).expect(200)).body).toMatchObject({
      state: 'draft',
      signatures: { countersignature: { status: 'confirmed' } },
    });
    expect((await sign(own, a3, 'employee', reversed).expect(200)).body).toMatchObject({
      state: 'awaiting_confirmation',
      signatures: { manager: null, countersignature: { status: 'awaiting_confirmation' } },
    });
    expect(await gate(reversed)).toMatchObject({ allowed: false });
  });

  it('a recorded counterpart signature can be set aside (wrong scan) by its recorder and recorded again, not by another clerk', async () => {
    const reversed = clerks[5].uid;
    const agreementId = (
      await t
        .http()
        .get(`/api/v1/agreements?employeeId=${id(reversed)}`)
        .set(auth(hr))
        .expect(200)
    ).body.items[0].id;
    const stranger = await t.tokenFor('hr', 'altro-impiegato');
    const refused = await t
      .http()
      .post(`/api/v1/agreements/${agreementId}/countersignature/reject`)
      .set(auth(stranger))
      .send({ reason: 'non mio' })
      .expect(403);
    expect(refused.body.error.code).toBe('NOT_THE_COUNTERSIGNER');
    const own = await login(boss.uid, boss.password);
    const rejected = await t
      .http()
      .post(`/api/v1/agreements/${agreementId}/countersignature/reject`)
      .set(auth(own))
      .send({ reason: 'firmato per errore' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      state: 'draft',
      signatures: { manager: null, countersignature: null, employee: { signerEmployeeId: id(reversed) } },
    });
    await t.http().post(`/api/v1/agreements/${agreementId}/countersignature/confirm`).set(auth(t.adminToken)).send({}).expect(409);
    await sign(hr, agreementId, 'manager', boss.uid, { documentReference: 'prot. 2026/0009999' }).expect(200);
    await confirm(t.adminToken, agreementId).expect(200);
    expect(await gate(reversed)).toMatchObject({ allowed: true });
    const actions = (await audit(agreementId)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['agreement.countersignature_refused', 'agreement.countersignature_rejected', 'agreement.countersignature_confirmed']),
    );
  });
});
