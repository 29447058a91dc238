import { Attribute, Change } from 'ldapts';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { FixedClock } from '../../../src/common/clock';
import { cliActor } from '../../../src/common/auth/roles';
import { DirectoryGroups } from '../../../src/directory/directory-groups.service';
import { EmployeeService } from '../../../src/directory/employee.service';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { FixturePerson, generatePeople, LdapSandbox, personDn, SERVICES } from '../../fixtures/ldap/directory-fixture';

/**
 * Directory login and VPN-group writes against the real slapd, in this file's own sub-tree. Groups follow
 * config/directory.json's OpenLDAP preset: cn=rw-admins / rw-hotline / … under ou=groups of the base DN.
 */
describe('directory login and VPN group with a real OpenLDAP', () => {
  let sandbox: LdapSandbox;
  let t: TestApp;
  const people = generatePeople(6, 'lg');
  const [admin, desk, nobody, both, synced] = people;
  const disabled: FixturePerson = { ...generatePeople(1, 'lgdis')[0], shadowExpire: 1 };
  const clock = new FixedClock(new Date('2026-11-27T09:00:00Z'));

  const login = (username: string, password: string, ip?: string) => {
    const req = t.http().post('/api/v1/auth/login');
    if (ip) req.set('X-Forwarded-For', ip);
    return req.send({ username, password });
  };

  beforeAll(async () => {
    sandbox = await LdapSandbox.create([...people, disabled], { 'rw-admins': [], 'rw-hotline': [], 'vpn-users': [] });
    // Members need full DNs: add them now that the base DN is known.
    await sandbox.admin(async (c) => {
      const add = (cn: string, members: FixturePerson[]) =>
        c.modify(
          sandbox.groupDn(cn),
          new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: members.map((m) => personDn(m, sandbox.baseDn)) }) }),
        );
      await add('rw-admins', [admin, both]);
      await add('rw-hotline', [desk, both, disabled]);
    });
    t = await startTestApp({ clock, env: { ...sandbox.serviceEnv({ pageSize: 20 }), TRUST_PROXY: 'true' } });
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('logs a user in with the role of their group and a session token that works', async () => {
    const res = await login(admin.uid, admin.password).expect(200);
    expect(res.body).toMatchObject({ role: 'admin', expiresAt: new Date(clock.now().getTime() + 480 * 60_000).toISOString() });
    const me = await t.http().get('/api/v1/auth/me').set(auth(res.body.token)).expect(200);
    expect(me.body).toMatchObject({ role: 'admin', id: personDn(admin, sandbox.baseDn) });
    expect((await login(desk.uid, desk.password).expect(200)).body.role).toBe('hotline');
    // In two mapped groups: the lower priority number wins.
    expect((await login(both.uid, both.password).expect(200)).body.role).toBe('admin');
  });

  it('answers the same 401 to a wrong password, an unknown user, an empty password and injection payloads', async () => {
    const attempts: [string, string][] = [
      [admin.uid, 'wrong-password'],
      ['no-such-user', 'whatever'],
      [admin.uid, ''],
      ['*)(uid=*', admin.password],
      ['*', admin.password],
      [`${admin.uid})(|(uid=*`, admin.password],
      ['admin)(|(uid=*', 'x'],
      [disabled.uid, disabled.password],
    ];
    const bodies = [];
    for (const [u, p] of attempts) bodies.push((await login(u, p, '10.9.9.9').expect(401)).body);
    for (const b of bodies) expect(b).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'The username or password is not valid' } });
  });

  it('refuses a user whose password is right, in no mapped group and no employee (not synced yet), with 403 NO_ROLE', async () => {
    expect((await login(nobody.uid, nobody.password).expect(403)).body.error.code).toBe('NO_ROLE');
  });

  it('audits successes and failures without the password', async () => {
    const events = await t.dataSource.getRepository(AuditEventEntity).find();
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login_succeeded', 'auth.login_failed', 'auth.login_refused', 'auth.session_opened']));
    const failed = events.filter((e) => e.action === 'auth.login_failed').map((e) => JSON.parse(e.summary).reason);
    expect(failed).toEqual(expect.arrayContaining(['wrong_password', 'unknown_user', 'empty_credentials', 'disabled']));
    const all = JSON.stringify(events);
    for (const p of [admin.password, desk.password, disabled.password]) expect(all).not.toContain(p);
  });

  it('refuses the 11th failure in 5 minutes for one username and address with 429, others still pass', async () => {
    for (let i = 0; i < 10; i++) await login(desk.uid, `bad-${i}`, '10.1.1.1').expect(401);
    const limited = await login(desk.uid, desk.password, '10.1.1.1').expect(429);
    expect(limited.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await login(desk.uid, desk.password, '10.1.1.2').expect(200);
  });

  it('adds to and removes from the VPN group idempotently, for synced and CSV employees', async () => {
    await t.http().post('/api/v1/directory/sync?wait=true').set(auth(t.adminToken)).expect(200);
    const groups = t.get(DirectoryGroups);
    const employee = (await t.http().get(`/api/v1/employees?q=${synced.uid}`).set(auth(t.adminToken)).expect(200)).body.items[0];
    const dn = personDn(synced, sandbox.baseDn);
    expect(await groups.addToVpnGroup(employee.id)).toBe('added');
    expect(await sandbox.groupMembers('vpn-users')).toContain(dn);
    expect(await groups.addToVpnGroup(employee.id)).toBe('already_member');
    expect((await sandbox.groupMembers('vpn-users')).filter((m) => m === dn)).toHaveLength(1);
    expect(await groups.removeFromVpnGroup(employee.id)).toBe('removed');
    expect(await sandbox.groupMembers('vpn-users')).not.toContain(dn);
    expect(await groups.removeFromVpnGroup(employee.id)).toBe('not_member');

    // An employee who never came from the sync is found by username.
    const extra = generatePeople(1, 'lgcsv')[0];
    await sandbox.addPerson(extra);
    const manual = await t.get(EmployeeService).create(cliActor(), {
      employeeNumber: 'CSV-1',
      firstName: 'A',
      lastName: 'B',
      serviceCode: 'SD',
      username: extra.uid,
    });
    expect(await groups.addToVpnGroup(manual.id)).toBe('added');
    expect(await sandbox.groupMembers('vpn-users')).toContain(personDn(extra, sandbox.baseDn));
    const ghost = await t
      .get(EmployeeService)
      .create(cliActor(), { employeeNumber: 'CSV-2', firstName: 'C', lastName: 'D', serviceCode: 'SD', username: 'not-in-ldap' });
    expect(await groups.addToVpnGroup(ghost.id)).toBe('not_in_directory');
  });

  it('logs an employee in with their employee id as subject once synced', async () => {
    const res = await login(admin.uid, admin.password).expect(200);
    const me = await t.http().get('/api/v1/auth/me').set(auth(res.body.token)).expect(200);
    expect(me.body.id).toMatch(/^employee:[0-9a-f-]{36}$/);
  });

  it('logs an active employee in no mapped group in with the role employee; an entry that is no employee still gets NO_ROLE', async () => {
    // synced by the test above: now an employee record is linked to the entry
    const employee = (await t.http().get(`/api/v1/employees?q=${nobody.uid}`).set(auth(t.adminToken)).expect(200)).body.items[0];
    const res = await login(nobody.uid, nobody.password).expect(200);
    expect(res.body.role).toBe('employee');
    const me = await t.http().get('/api/v1/auth/me').set(auth(res.body.token)).expect(200);
    expect(me.body).toMatchObject({ role: 'employee', id: `employee:${employee.id}` });
    const granted = (await t.dataSource.getRepository(AuditEventEntity).find()).filter(
      (e) => e.action === 'auth.login_succeeded' && JSON.parse(e.summary).subject === `employee:${employee.id}`,
    );
    expect(JSON.parse(granted[granted.length - 1].summary)).toMatchObject({ role: 'employee', group: null });

    // in the directory, never synced: no employee record, no mapped group
    const stranger = generatePeople(1, 'lgnorole')[0];
    await sandbox.addPerson(stranger);
    expect((await login(stranger.uid, stranger.password).expect(403)).body.error.code).toBe('NO_ROLE');
  });
});

describe('without a directory', () => {
  it('answers 409 DIRECTORY_NOT_CONFIGURED and group writes are no-ops', async () => {
    const t = await startTestApp();
    try {
      expect((await t.http().post('/api/v1/auth/login').send({ username: 'a', password: 'b' }).expect(409)).body.error.code).toBe('DIRECTORY_NOT_CONFIGURED');
      expect((await t.http().post('/api/v1/directory/sync').set(auth(t.adminToken)).expect(409)).body.error.code).toBe('DIRECTORY_NOT_CONFIGURED');
      expect(await t.get(DirectoryGroups).addToVpnGroup('00000000-0000-4000-8000-000000000000')).toBe('not_configured');
    } finally {
      await t.close();
    }
  });
});
