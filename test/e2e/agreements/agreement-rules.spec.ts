import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import {
  DOCUMENT_REFERENCE,
  DOCUMENT_SHA256,
  agreementBody,
  createDirectorGeneral,
  createEmployee,
  createManager,
  createService,
  createSignedAgreement,
  makeEligible,
} from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const TODAY = '2026-03-10';
const OTHER_SHA = 'd'.repeat(64);

describe('agreements: recording, signing and the rules of L. 81/2017', () => {
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  let t: TestApp;
  let hr: string;
  let employee: EmployeeEntity;
  let boss: EmployeeEntity;
  let otherBoss: EmployeeEntity;
  let dg: EmployeeEntity;
  let agreementId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hr = await t.tokenFor('hr');
    const service = await createService(t.dataSource);
    boss = await createManager(t.dataSource, service.id);
    otherBoss = await createManager(t.dataSource, (await createService(t.dataSource)).id);
    dg = await createDirectorGeneral(t.dataSource);
    employee = await createEmployee(t.dataSource, { serviceId: service.id });
    await makeEligible(t.dataSource, employee);
  });
  afterAll(() => t.close());
  beforeEach(() => clock.set(`${TODAY}T09:00:00Z`));

  // HR records both signatures from the signed paper (the counterpart's with its reference); an admin confirms.
  const sign = (id: string, party: 'employee' | 'manager', signerEmployeeId: string, documentSha256 = DOCUMENT_SHA256) =>
    t
      .http()
      .post(`/api/v1/agreements/${id}/sign`)
      .set(auth(hr))
      .send({ party, signerEmployeeId, documentSha256, ...(party === 'manager' ? { documentReference: DOCUMENT_REFERENCE } : {}) });
  const confirm = (id: string) => t.http().post(`/api/v1/agreements/${id}/countersignature/confirm`).set(auth(t.adminToken)).send({});

  it('records a draft with every field of the agreement', async () => {
    const res = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(employee.id, { safetyNoticeDeliveredOn: '2026-03-01' }))
      .expect(201);
    agreementId = res.body.id;
    expect(res.body).toMatchObject({
      employeeId: employee.id,
      state: 'draft',
      startDate: '2026-01-01',
      endDate: null,
      indefinite: true,
      remoteDaysPerWeek: 2,
      places: ['domicilio'],
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      toolsProvided: ['notebook', 'router 4G'],
      safetyNotice: { deliveredOn: '2026-03-01', expiresOn: '2027-03-01', status: 'valid' },
      signatures: { employee: null, manager: null, documentSha256: null },
      withdrawal: null,
      inForceToday: false,
      version: 1,
    });
    // technicians read it too, without the special-category part (the withdrawal: HR and admins only)
    const read = await t
      .http()
      .get(`/api/v1/agreements/${agreementId}`)
      .set(auth(await t.tokenFor('technician')))
      .expect(200);
    const { withdrawal: _hrOnly, ...shared } = res.body;
    expect(read.body).toEqual(shared);
  });

  it('refuses malformed terms field by field, and unknown fields', async () => {
    const res = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(employee.id, { startDate: '2026-02-30', contactBand: '9-12', remoteDaysPerWeek: 6, colour: 'red' }))
      .expect(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['colour', 'contactBand', 'remoteDaysPerWeek', 'startDate']);
    const overlap = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(employee.id, { contactBand: '19:00-21:00' }))
      .expect(422);
    expect(overlap.body.error.code).toBe('BANDS_OVERLAP');
  });

  it('the draft can be edited until someone signs it', async () => {
    const res = await t
      .http()
      .patch(`/api/v1/agreements/${agreementId}`)
      .set(auth(hr))
      .send({ remoteDaysPerWeek: 3, places: ['domicilio', 'coworking'] })
      .expect(200);
    expect(res.body).toMatchObject({ remoteDaysPerWeek: 3, places: ['domicilio', 'coworking'], version: 2 });
    const fixed = await t.http().patch(`/api/v1/agreements/${agreementId}`).set(auth(hr)).send({ endDate: '2026-12-31' }).expect(200);
    expect(fixed.body).toMatchObject({ endDate: '2026-12-31', indefinite: false, version: 3 });
    const indefinite = await t.http().patch(`/api/v1/agreements/${agreementId}`).set(auth(hr)).send({ endDate: null }).expect(200);
    expect(indefinite.body).toMatchObject({ endDate: null, indefinite: true, version: 4 });
    const before = await t.http().patch(`/api/v1/agreements/${agreementId}`).set(auth(hr)).send({ endDate: '2025-12-31' }).expect(400);
    expect(before.body.error.code).toBe('AGREEMENT_TERMS_INVALID');
  });

  it('only the employee gives the employee signature; after it the draft is frozen', async () => {
    expect((await sign(agreementId, 'employee', boss.id).expect(422)).body.error.code).toBe('SIGNER_NOT_THE_EMPLOYEE');
    const res = await sign(agreementId, 'employee', employee.id).expect(200);
    expect(res.body).toMatchObject({
      state: 'draft',
      signatures: { employee: { signerEmployeeId: employee.id }, manager: null, documentSha256: DOCUMENT_SHA256 },
    });
    expect((await sign(agreementId, 'employee', employee.id).expect(409)).body.error.code).toBe('ALREADY_SIGNED');
    expect((await t.http().patch(`/api/v1/agreements/${agreementId}`).set(auth(hr)).send({ remoteDaysPerWeek: 1 }).expect(409)).body.error.code).toBe(
      'AGREEMENT_NOT_EDITABLE',
    );
  });

  it('the countersignature must carry the same document hash and come from the manager of the service', async () => {
    expect((await sign(agreementId, 'manager', boss.id, OTHER_SHA).expect(422)).body.error.code).toBe('DOCUMENT_HASH_MISMATCH');
    expect((await sign(agreementId, 'manager', otherBoss.id).expect(422)).body.error.code).toBe('SIGNER_NOT_MANAGER_OF_SERVICE');
    expect((await sign(agreementId, 'manager', employee.id).expect(422)).body.error.code).toBe('SIGNER_IS_THE_EMPLOYEE');
    expect((await sign(agreementId, 'manager', boss.id, 'xyz').expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    // Upper-case hex is the same hash.
    const res = await sign(agreementId, 'manager', boss.id, DOCUMENT_SHA256.toUpperCase()).expect(200);
    // Recorded by HR from paper: it counts once a second person confirms it.
    expect(res.body).toMatchObject({
      state: 'awaiting_confirmation',
      inForceToday: false,
      signatures: {
        manager: null,
        countersignature: { status: 'awaiting_confirmation', signerEmployeeId: boss.id, documentReference: DOCUMENT_REFERENCE, confirmedBy: null },
      },
    });
    const confirmed = await confirm(agreementId).expect(200);
    expect(confirmed.body).toMatchObject({
      state: 'active',
      inForceToday: true,
      signatures: { manager: { signerEmployeeId: boss.id }, countersignature: { status: 'confirmed' } },
    });
  });

  it('an employee has at most one agreement in force over any period (409)', async () => {
    const res = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(employee.id, { startDate: '2026-06-01', endDate: '2026-12-31' }))
      .expect(409);
    expect(res.body.error).toMatchObject({ code: 'AGREEMENT_OVERLAP', details: { agreementIds: [agreementId] } });
  });

  it('a manager works remotely at most one day a week, and signs with the Direttore Generale only', async () => {
    const tooMany = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(boss.id, { remoteDaysPerWeek: 2 }))
      .expect(422);
    expect(tooMany.body.error.code).toBe('MANAGER_REMOTE_DAYS_EXCEEDED');
    const created = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(boss.id, { remoteDaysPerWeek: 1 }))
      .expect(201);
    await sign(created.body.id, 'employee', boss.id).expect(200);
    expect((await sign(created.body.id, 'manager', otherBoss.id).expect(422)).body.error.code).toBe('DIRECTOR_GENERAL_SIGNATURE_REQUIRED');
    await sign(created.body.id, 'manager', dg.id).expect(200);
    const signed = await confirm(created.body.id).expect(200);
    expect(signed.body).toMatchObject({ state: 'active', signatures: { manager: { signerEmployeeId: dg.id } } });
  });

  it('an agreement signed before its start date is "signed", not yet in force', async () => {
    const future = await createEmployee(t.dataSource, { serviceId: employee.serviceId });
    const body = await createSignedAgreement(t, hr, future.id, boss.id, { startDate: '2026-04-01' });
    expect(body).toMatchObject({ state: 'signed', inForceToday: false });
  });

  it('suspension stops the agreement being in force until it is resumed', async () => {
    const suspended = await t
      .http()
      .post(`/api/v1/agreements/${agreementId}/suspend`)
      .set(auth(hr))
      .send({ reason: 'Riorganizzazione temporanea' })
      .expect(200);
    expect(suspended.body).toMatchObject({ state: 'suspended', inForceToday: false, suspension: { reason: 'Riorganizzazione temporanea' } });
    expect((await t.http().post(`/api/v1/agreements/${agreementId}/suspend`).set(auth(hr)).send({ reason: 'again' }).expect(409)).body.error.code).toBe(
      'AGREEMENT_STATE_CONFLICT',
    );
    const status = await t.http().get(`/api/v1/employees/${employee.id}/provisioning-status`).set(auth(hr)).expect(200);
    expect(status.body.codes).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    const resumed = await t.http().post(`/api/v1/agreements/${agreementId}/resume`).set(auth(hr)).send({ note: 'Fine riorganizzazione' }).expect(200);
    expect(resumed.body).toMatchObject({ state: 'active', inForceToday: true, suspension: null });
    expect((await t.http().post(`/api/v1/agreements/${agreementId}/resume`).set(auth(hr)).send({}).expect(409)).body.error.code).toBe(
      'AGREEMENT_STATE_CONFLICT',
    );
  });

  it('state changes are conditional: of concurrent suspensions exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.http().post(`/api/v1/agreements/${agreementId}/suspend`).set(auth(hr)).send({ reason: 'race' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    await t.http().post(`/api/v1/agreements/${agreementId}/resume`).set(auth(hr)).send({}).expect(200);
  });

  it('the safety notice is re-delivered every 12 months: a notice older than that blocks the gate', async () => {
    clock.set('2027-03-01T09:00:00Z');
    const stale = await t.http().get(`/api/v1/employees/${employee.id}/provisioning-status`).set(auth(hr)).expect(200);
    expect(stale.body.codes).toEqual(['SAFETY_NOTICE_MISSING']);
    const older = await t.http().post(`/api/v1/agreements/${agreementId}/safety-notice`).set(auth(hr)).send({ deliveredOn: '2026-02-01' }).expect(422);
    expect(older.body.error.code).toBe('SAFETY_NOTICE_OLDER_THAN_RECORDED');
    const future = await t.http().post(`/api/v1/agreements/${agreementId}/safety-notice`).set(auth(hr)).send({ deliveredOn: '2027-03-02' }).expect(422);
    expect(future.body.error.code).toBe('SAFETY_NOTICE_DATE_IN_FUTURE');
    const renewed = await t.http().post(`/api/v1/agreements/${agreementId}/safety-notice`).set(auth(hr)).send({ deliveredOn: '2027-03-01' }).expect(200);
    expect(renewed.body.safetyNotice).toEqual({ deliveredOn: '2027-03-01', expiresOn: '2028-03-01', status: 'valid' });
    const ok = await t.http().get(`/api/v1/employees/${employee.id}/provisioning-status`).set(auth(hr)).expect(200);
    expect(ok.body).toMatchObject({ allowed: true, codes: [] });
  });

  it('lists agreements by employee, state and date in force', async () => {
    const byEmployee = await t
      .http()
      .get(`/api/v1/agreements?employeeId=${employee.id}`)
      .set(auth(await t.tokenFor('hotline')))
      .expect(200);
    expect(byEmployee.body.items.map((a: { id: string }) => a.id)).toEqual([agreementId]);
    // the RTD reads aggregates, never one person's agreements
    await t
      .http()
      .get(`/api/v1/agreements?employeeId=${employee.id}`)
      .set(auth(await t.tokenFor('rtd')))
      .expect(403);
    const signed = await t.http().get('/api/v1/agreements?state=signed').set(auth(hr)).expect(200);
    expect(signed.body.items.every((a: { state: string }) => a.state === 'signed')).toBe(true);
    expect(signed.body.items).toHaveLength(1);
    const inForce = await t.http().get('/api/v1/agreements?inForceOn=2026-03-10&limit=10').set(auth(hr)).expect(200);
    expect(inForce.body.items.map((a: { employeeId: string }) => a.employeeId).sort()).toEqual([employee.id, boss.id].sort());
    const inApril = await t.http().get('/api/v1/agreements?inForceOn=2026-04-01').set(auth(hr)).expect(200);
    expect(inApril.body.items).toHaveLength(3);
    expect(inApril.body.nextCursor).toBeNull();
    // the same three one page at a time, newest start first, through nextCursor
    const paged: { id: string; startDate: string }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/agreements?inForceOn=2026-04-01&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await t.http().get(url).set(auth(hr)).expect(200)).body as { items: { id: string; startDate: string }[]; nextCursor: string | null };
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.map((a) => a.id)).toEqual(inApril.body.items.map((a: { id: string }) => a.id));
    expect(paged.map((a) => a.startDate)).toEqual([...paged.map((a) => a.startDate)].sort().reverse());
    await t.http().get('/api/v1/agreements?offset=1').set(auth(hr)).expect(400);
    await t.http().get('/api/v1/agreements?inForceOn=yesterday').set(auth(hr)).expect(400);
  });

  it('roles: technicians read but do not record; unknown ids are 404', async () => {
    const tech = await t.tokenFor('technician');
    await t.http().post('/api/v1/agreements').set(auth(tech)).send(agreementBody(employee.id)).expect(403);
    await t
      .http()
      .post(`/api/v1/agreements/${agreementId}/withdraw`)
      .set(auth(await t.tokenFor('rtd')))
      .send({})
      .expect(403);
    const missing = await t.http().get('/api/v1/agreements/8a6e0804-2bd0-4672-b79d-d97027f27166').set(auth(tech)).expect(404);
    expect(missing.body.error.code).toBe('AGREEMENT_NOT_FOUND');
  });

  it('every change is in the audit log', async () => {
    const rows: { action: string }[] = await t.dataSource
      .createQueryBuilder()
      .select('a.action', 'action')
      .from('audit_events', 'a')
      .where("a.entity_type = 'agreement' AND a.entity_id = :id", { id: agreementId })
      .orderBy('a.seq', 'ASC')
      .getRawMany();
    expect(rows.map((r) => r.action)).toEqual([
      'agreement.create',
      'agreement.update',
      'agreement.update',
      'agreement.update',
      'agreement.sign',
      'agreement.sign',
      'agreement.countersignature_confirmed',
      'agreement.suspend',
      'agreement.resume',
      'agreement.suspend',
      'agreement.resume',
      'agreement.safety_notice',
    ]);
    const verify = await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200);
    expect(verify.body.ok).toBe(true);
  });
});
