import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { OutboxEntity } from '../../../src/jobs/outbox/outbox.entity';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

const csv = (lines: string[]) => lines.join('\n') + '\n';
const HEADER = 'employee_number,first_name,last_name,service_code,username,email,is_manager,external_id';

describe('services and employees over HTTP', () => {
  let t: TestApp;
  let hr: string;
  beforeAll(async () => {
    t = await startTestApp();
    hr = await t.tokenFor('hr');
    for (const [code, name] of [
      ['SD', 'Sistema Informativo'],
      ['PA', 'Personale'],
      ['CP', 'Contratti'],
    ]) {
      await t.http().post('/api/v1/services').set(auth(hr)).send({ code, name }).expect(201);
    }
  });
  afterAll(() => t.close());

  it('creates and lists services with their roles', async () => {
    const dup = await t.http().post('/api/v1/services').set(auth(t.adminToken)).send({ code: 'sd', name: 'Again' }).expect(409);
    expect(dup.body.error.code).toBe('SERVICE_CODE_TAKEN');
    const list = await t
      .http()
      .get('/api/v1/services')
      .set(auth(await t.tokenFor('rtd')))
      .expect(200);
    expect(list.body.map((s: { code: string }) => s.code)).toEqual(['CP', 'PA', 'SD']);
    await t
      .http()
      .post('/api/v1/services')
      .set(auth(await t.tokenFor('technician')))
      .send({ code: 'XX', name: 'x' })
      .expect(403);
    expect(
      (await t.http().post('/api/v1/services').set(auth(hr)).send({ code: 'bad code!', name: '' }).expect(400)).body.error.details.fields.map(
        (f: { field: string }) => f.field,
      ),
    ).toEqual(['code', 'name']);
  });

  it('creates, reads and updates an employee with optimistic versions', async () => {
    const created = await t
      .http()
      .post('/api/v1/employees')
      .set(auth(hr))
      .send({ employeeNumber: 'M0001', firstName: 'Maria', lastName: 'Rossi', serviceCode: 'sd', username: 'mrossi', email: 'maria.rossi@comune.example.it' })
      .expect(201);
    expect(created.body).toMatchObject({
      employeeNumber: 'M0001',
      serviceCode: 'SD',
      serviceName: 'Sistema Informativo',
      source: 'manual',
      active: true,
      version: 1,
      isManager: false,
    });
    expect(created.body).not.toHaveProperty('directoryDn');
    const id = created.body.id;
    const read = await t
      .http()
      .get(`/api/v1/employees/${id}`)
      .set(auth(await t.tokenFor('hotline')))
      .expect(200);
    expect(read.body.username).toBe('mrossi');

    const dup = await t
      .http()
      .post('/api/v1/employees')
      .set(auth(hr))
      .send({ employeeNumber: 'M0002', firstName: 'A', lastName: 'B', serviceCode: 'SD', username: 'MRossi' })
      .expect(409);
    expect(dup.body.error.code).toBe('USERNAME_TAKEN');
    const unknown = await t
      .http()
      .post('/api/v1/employees')
      .set(auth(hr))
      .send({ employeeNumber: 'M0002', firstName: 'A', lastName: 'B', serviceCode: 'ZZ' })
      .expect(400);
    expect(unknown.body.error.code).toBe('UNKNOWN_SERVICE_CODE');

    const patched = await t
      .http()
      .patch(`/api/v1/employees/${id}`)
      .set(auth(hr))
      .send({ version: 1, lastName: 'Rossi Bianchi', serviceCode: 'PA' })
      .expect(200);
    expect(patched.body).toMatchObject({ lastName: 'Rossi Bianchi', serviceCode: 'PA', isManager: false, version: 2 });
    // The manager flag is signing authority: an admin's to grant (test/e2e/agreements/two-person-rule.spec.ts).
    expect((await t.http().patch(`/api/v1/employees/${id}`).set(auth(hr)).send({ version: 2, isManager: true }).expect(403)).body.error.code).toBe(
      'MANAGER_FLAG_NEEDS_ADMIN',
    );
    const flagged = await t.http().patch(`/api/v1/employees/${id}`).set(auth(t.adminToken)).send({ version: 2, isManager: true }).expect(200);
    expect(flagged.body).toMatchObject({ isManager: true, version: 3 });
    const stale = await t.http().patch(`/api/v1/employees/${id}`).set(auth(hr)).send({ version: 1, firstName: 'X' }).expect(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 3 } });
    await t
      .http()
      .patch(`/api/v1/employees/${id}`)
      .set(auth(await t.tokenFor('manager')))
      .send({ version: 3, firstName: 'X' })
      .expect(403);
    await t.http().get('/api/v1/employees/not-a-uuid').set(auth(hr)).expect(400);
    await t.http().get('/api/v1/employees/00000000-0000-4000-8000-000000000000').set(auth(hr)).expect(404);
  });

  it('deactivating an employee starts offboarding', async () => {
    const e = await t
      .http()
      .post('/api/v1/employees')
      .set(auth(hr))
      .send({ employeeNumber: 'M0099', firstName: 'Leo', lastName: 'Via', serviceCode: 'CP' })
      .expect(201);
    const off = await t
      .http()
      .patch(`/api/v1/employees/${e.body.id}`)
      .set(auth(hr))
      .send({ version: 1, active: false, deactivationReason: 'resigned' })
      .expect(200);
    expect(off.body).toMatchObject({ active: false, deactivationReason: 'resigned', version: 2 });
    const jobs = await t.dataSource.getRepository(OutboxEntity).findBy({ jobName: 'offboarding.start' });
    expect(jobs.map((j) => JSON.parse(j.payload).employeeId)).toContain(e.body.id);
  });

  it('refuses a CSV full of bad rows: the dry run and the real run list every error, nothing is written', async () => {
    const bad = csv([
      HEADER,
      ',Anna,Verdi,SD,averdi,anna@x.it,no,',
      'M1002,,Neri,SD,uneri,not-an-email,maybe,',
      'M1003,Ugo,Bo,ZZ,ubo,,,',
      'M1004,Eva,Blu,SD,mrossi,,,',
      'M1005,Ada,Re,SD,are,,,',
      'M1005,Ada,Re,SD,are2,,,',
      'M0001,Maria,Rossi,SD,,,,ext-1',
      'M1006,Too,Few',
    ]);
    const before = await t.dataSource.getRepository(EmployeeEntity).count();
    const dry = await t.http().post('/api/v1/employees/import?dryRun=true').set(auth(hr)).set('Content-Type', 'text/csv').send(bad).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, valid: false, total: 8 });
    const found = dry.body.errors.map((e: { line: number; column: string | null; code: string }) => [e.line, e.column, e.code]);
    expect(found).toEqual([
      [2, 'employee_number', 'MISSING_FIELD'],
      [3, 'first_name', 'MISSING_FIELD'],
      [3, 'email', 'BAD_EMAIL'],
      [3, 'is_manager', 'BAD_FLAG'],
      [4, 'service_code', 'UNKNOWN_SERVICE_CODE'],
      [5, 'username', 'DUPLICATE_IN_DATABASE'],
      [7, 'employee_number', 'DUPLICATE_IN_FILE'],
      // M0001 is a manager (flagged by the admin above): moving them to another service is not HR's to do.
      [8, 'service_code', 'MANAGER_FLAG_NEEDS_ADMIN'],
      [9, null, 'WRONG_FIELD_COUNT'],
      [9, 'service_code', 'MISSING_FIELD'],
    ]);
    const real = await t.http().post('/api/v1/employees/import').set(auth(hr)).set('Content-Type', 'text/csv').send(bad).expect(422);
    expect(real.body.error).toMatchObject({ code: 'IMPORT_REJECTED', details: { errorCount: 10 } });
    expect(real.body.error.details.errors).toEqual(dry.body.errors);
    expect(await t.dataSource.getRepository(EmployeeEntity).count()).toBe(before);
  });

  it('imports a good file atomically, then reports it unchanged, and updates by number or external id', async () => {
    const rows = Array.from(
      { length: 120 },
      (_, i) =>
        `E${String(i).padStart(4, '0')},Nome${i},Cognome${String(i).padStart(3, '0')},${['SD', 'PA', 'CP'][i % 3]},user${i},user${i}@comune.example.it,${i % 10 === 0 ? 'sì' : 'no'},ext-${i}`,
    );
    const good = csv([HEADER, ...rows]);
    // Twelve rows flag a manager: signing authority is an admin's to grant, so HR's file is refused line by line.
    const byHr = await t.http().post('/api/v1/employees/import?dryRun=true').set(auth(hr)).set('Content-Type', 'text/csv').send(good).expect(200);
    expect(byHr.body).toMatchObject({ valid: false, created: 120 });
    expect(byHr.body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual(
      Array.from({ length: 12 }, (_, k) => [2 + k * 10, 'is_manager', 'MANAGER_FLAG_NEEDS_ADMIN']),
    );
    const admin = t.adminToken;
    const dry = await t.http().post('/api/v1/employees/import?dryRun=true').set(auth(admin)).set('Content-Type', 'text/csv').send(good).expect(200);
    expect(dry.body).toMatchObject({ valid: true, created: 120, updated: 0, errors: [] });
    expect(await t.dataSource.getRepository(EmployeeEntity).countBy({ source: 'csv' })).toBe(0);
    const real = await t.http().post('/api/v1/employees/import').set(auth(admin)).set('Content-Type', 'text/csv').send(good).expect(200);
    expect(real.body).toMatchObject({ dryRun: false, valid: true, total: 120, created: 120, updated: 0, unchanged: 0 });
    const again = await t.http().post('/api/v1/employees/import').set(auth(hr)).set('Content-Type', 'text/csv').send(good).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 120 });
    // By external id (number changed) and by number (semicolons, subset of columns).
    await t
      .http()
      .post('/api/v1/employees/import')
      .set(auth(hr))
      .set('Content-Type', 'text/csv')
      .send(csv([HEADER, 'E9000,Nome0,Cognome000,SD,user0,user0@comune.example.it,sì,ext-0']))
      .expect(200);
    const upd = await t
      .http()
      .post('/api/v1/employees/import')
      .set(auth(hr))
      .set('Content-Type', 'text/csv')
      .send('employee_number;first_name;last_name;service_code;active\nE0001;Nome1;Cognome001;SD;no\n')
      .expect(200);
    expect(upd.body).toMatchObject({ updated: 1 });
    const e1 = (await t.http().get('/api/v1/employees?q=E0001').set(auth(hr)).expect(200)).body.items[0];
    expect(e1).toMatchObject({ serviceCode: 'SD', active: false, username: 'user1' });
    expect((await t.http().get('/api/v1/employees?q=E9000').set(auth(hr)).expect(200)).body.items[0].externalId).toBe('ext-0');
    await t
      .http()
      .post('/api/v1/employees/import')
      .set(auth(await t.tokenFor('hotline')))
      .set('Content-Type', 'text/csv')
      .send(good)
      .expect(403);
    expect((await t.http().post('/api/v1/employees/import').set(auth(hr)).send({ a: 1 }).expect(400)).body.error.code).toBe('CSV_BODY_REQUIRED');
  });

  it('lists with filters, sorts and pages through every row with a keyset cursor', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/v1/employees?limit=25${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.http().get(q).set(auth(hr)).expect(200);
      all.push(...page.body.items.map((e: { id: string }) => e.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    const total = await t.dataSource.getRepository(EmployeeEntity).count();
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(pages).toBe(Math.ceil(total / 25));

    const sd = await t.http().get('/api/v1/employees?serviceCode=sd&active=true&limit=500&sort=employeeNumber&order=desc').set(auth(hr)).expect(200);
    expect(sd.body.items.every((e: { serviceCode: string; active: boolean }) => e.serviceCode === 'SD' && e.active)).toBe(true);
    const numbers = sd.body.items.map((e: { employeeNumber: string }) => e.employeeNumber);
    expect(numbers).toEqual([...numbers].sort().reverse());
    const managers = await t.http().get('/api/v1/employees?isManager=true&limit=500').set(auth(hr)).expect(200);
    expect(managers.body.items.length).toBeGreaterThanOrEqual(12);
    expect(managers.body.items.every((e: { isManager: boolean }) => e.isManager)).toBe(true);
    const q = await t.http().get('/api/v1/employees?q=cognome01').set(auth(hr)).expect(200);
    expect(q.body.items.map((e: { lastName: string }) => e.lastName).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Cognome01${i}`));
    const byName = await t.http().get('/api/v1/employees?q=nome7 cognome').set(auth(hr)).expect(200);
    expect(byName.body.items.length).toBeGreaterThan(0);
    expect((await t.http().get('/api/v1/employees?q=100%25').set(auth(hr)).expect(200)).body.items).toEqual([]);
    const wrong = await t
      .http()
      .get(`/api/v1/employees?sort=createdAt&cursor=${cursorOf(await t.http().get('/api/v1/employees?limit=1').set(auth(hr)))}`)
      .set(auth(hr))
      .expect(400);
    expect(wrong.body.error.code).toBe('INVALID_CURSOR');
    await t
      .http()
      .get('/api/v1/employees')
      .set(auth(await t.tokenFor('rtd')))
      .expect(403);
  });
});

function cursorOf(res: { body: { nextCursor: string } }): string {
  return res.body.nextCursor;
}
