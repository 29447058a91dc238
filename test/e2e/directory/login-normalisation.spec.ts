import { Attribute, Change } from 'ldapts';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { generatePeople, LdapSandbox, personDn, SERVICES } from '../../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';

/** `nm00001` → `ｎｍ０００００１`: what OpenLDAP's caseIgnoreMatch takes for the same uid. */
function fullwidth(text: string): string {
  return [...text].map((c) => (c >= '!' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c)).join('');
}

function sessionTokenOf(res: { headers: Record<string, unknown> }): string {
  return /^rw_session=([^;]+)/.exec((res.headers['set-cookie'] as string[])[0])![1];
}

/**
 * Issue 11 items 2 and 1 against the real slapd: the directory takes `ｎｍ００…` (fullwidth) and `NM00…` for the
 * same person, so the failure count and the employee look-up must follow the entry the directory found, not the
 * text typed; a per-address count bounds spraying across usernames; a directory-login session ends when the
 * employee is deactivated.
 */
describe('directory login follows the directory entry, not the spelling typed', () => {
  let sandbox: LdapSandbox;
  let t: TestApp;
  let hr: string;
  const [counted, leaverManual, leaverSynced, active, sprayTarget, sessionUser, logoutUser] = generatePeople(7, 'nm');

  const login = (username: string, password: string, ip: string) => t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  const employeeByUid = async (uid: string) =>
    (await t.http().get(`/api/v1/employees?q=${uid}`).set(auth(hr)).expect(200)).body.items[0] as { id: string; version: number };
  const deactivate = async (uid: string) => {
    const e = await employeeByUid(uid);
    await t.http().patch(`/api/v1/employees/${e.id}`).set(auth(hr)).send({ version: e.version, active: false, deactivationReason: 'resigned' }).expect(200);
  };

  beforeAll(async () => {
    const everyone = [counted, leaverManual, leaverSynced, active, sprayTarget, sessionUser, logoutUser];
    sandbox = await LdapSandbox.create(everyone, { 'rw-hotline': [] });
    await sandbox.admin((c) =>
      c.modify(
        sandbox.groupDn('rw-hotline'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: everyone.map((p) => personDn(p, sandbox.baseDn)) }) }),
      ),
    );
    t = await startTestApp({ env: { ...sandbox.serviceEnv(), TRUST_PROXY: 'true' } });
    hr = await t.tokenFor('hr');
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
    // the synced ones get entryUUID as external id; leaverManual is then re-keyed to stand for an employee HR
    // entered by hand (username only), whom only the username links to the directory entry
    await t.http().post('/api/v1/directory/sync?wait=true').set(auth(t.adminToken)).expect(200);
    const manual = await employeeByUid(leaverManual.uid);
    await t.http().patch(`/api/v1/employees/${manual.id}`).set(auth(hr)).send({ version: manual.version, externalId: null }).expect(200);
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('is a premise: slapd finds the fullwidth and upper-case spellings as the same entry', async () => {
    for (const spelling of [fullwidth(counted.uid), counted.uid.toUpperCase(), fullwidth(counted.uid.toUpperCase())]) {
      const r = await sandbox.admin((c) => c.search(`ou=people,${sandbox.baseDn}`, { scope: 'one', filter: `(uid=${spelling})`, attributes: ['uid'] }));
      expect(r.searchEntries.map((e) => e.dn)).toEqual([personDn(counted, sandbox.baseDn)]);
    }
  });

  it('counts every spelling of one account in one count: the 11th failure is refused however it is typed', async () => {
    const spellings = [counted.uid, fullwidth(counted.uid), counted.uid.toUpperCase(), ` ${fullwidth(counted.uid.toUpperCase())} `, `\u3000${counted.uid}`];
    for (let i = 0; i < 10; i++)
      expect((await login(spellings[i % spellings.length], `wrong-${i}`, '10.5.5.5').expect(401)).body.error.code).toBe('INVALID_CREDENTIALS');
    for (const spelling of [fullwidth(counted.uid), counted.uid, 'ｎm' + counted.uid.slice(2)]) {
      const limited = await login(spelling, counted.password, '10.5.5.5').expect(429);
      expect(limited.body.error.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
    // per address: the same person elsewhere is not locked out
    await login(fullwidth(counted.uid), counted.password, '10.5.5.6').expect(200);
    // the audit names the account the directory found, and keeps the spelling that was typed
    const failed = (await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'auth.login_failed', entityId: counted.uid } })).map((e) =>
      JSON.parse(e.summary),
    );
    expect(failed).toHaveLength(10);
    expect(failed.map((s) => s.failures)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(failed.some((s) => s.typed === fullwidth(counted.uid))).toBe(true);
  });

  it('refuses a deactivated employee whatever the spelling, matched by the entry’s own username or its entryUUID', async () => {
    await deactivate(leaverManual.uid);
    await deactivate(leaverSynced.uid);
    for (const p of [leaverManual, leaverSynced]) {
      for (const spelling of [p.uid, fullwidth(p.uid), p.uid.toUpperCase(), fullwidth(p.uid.toUpperCase())]) {
        const res = await login(spelling, p.password, '10.7.7.7');
        expect({ spelling, status: res.status, code: res.body.error?.code }).toEqual({ spelling, status: 401, code: 'INVALID_CREDENTIALS' });
      }
    }
    const reasons = (await t.dataSource.getRepository(AuditEventEntity).find({ where: { action: 'auth.login_failed', entityId: leaverManual.uid } })).map(
      (e) => JSON.parse(e.summary).reason,
    );
    expect(reasons).toEqual(['inactive_employee', 'inactive_employee', 'inactive_employee', 'inactive_employee']);
    // an active employee typed in fullwidth is that employee, under the directory's name
    const ok = await login(fullwidth(active.uid), active.password, '10.7.7.8').expect(200);
    const me = (await t.http().get('/api/v1/auth/me').set(auth(ok.body.token)).expect(200)).body;
    expect(me).toMatchObject({ id: `employee:${(await employeeByUid(active.uid)).id}`, name: `login:${active.uid}` });
  });

  it('limits one address to 50 failures across usernames, and a good password in between does not reset that', async () => {
    const ip = '10.8.8.8';
    for (let i = 0; i < 25; i++) await login(`nobody${i}`, 'x', ip).expect(401);
    await login(sprayTarget.uid, sprayTarget.password, ip).expect(200);
    for (let i = 25; i < 50; i++) await login(fullwidth(`nobody${i}`), 'x', ip).expect(401);
    const limited = await login(sprayTarget.uid, sprayTarget.password, ip).expect(429);
    expect(limited.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    await login(`nobody-new`, 'x', ip).expect(429);
    // another address is not affected
    await login(sprayTarget.uid, sprayTarget.password, '10.8.8.9').expect(200);
  });

  it('ends a directory-login session, and the browser session made from it, when HR deactivates the employee', async () => {
    const ip = '10.9.1.1';
    const signedIn = await login(sessionUser.uid, sessionUser.password, ip).expect(200);
    const cookie = sessionTokenOf(await t.http().post('/api/v1/auth/session').set('x-rw-csrf', '1').send({ token: signedIn.body.token }).expect(200));
    await t.http().get('/api/v1/auth/me').set('Cookie', `rw_session=${cookie}`).expect(200);
    await deactivate(sessionUser.uid);
    expect((await t.http().get('/api/v1/auth/me').set('Cookie', `rw_session=${cookie}`).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
    expect((await t.http().get('/api/v1/auth/me').set(auth(signedIn.body.token)).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
    await t.http().post('/api/v1/auth/session').send({ token: signedIn.body.token }).expect(401);
    await t.http().post('/api/v1/auth/session').send({ token: cookie }).expect(401);
    await login(fullwidth(sessionUser.uid), sessionUser.password, ip).expect(401);
  });

  it('closes the directory login too when its browser session logs out', async () => {
    const signedIn = await login(logoutUser.uid, logoutUser.password, '10.9.2.2').expect(200);
    const cookie = sessionTokenOf(await t.http().post('/api/v1/auth/session').send({ token: signedIn.body.token }).expect(200));
    await t.http().post('/api/v1/auth/logout').set('Cookie', `rw_session=${cookie}`).set('x-rw-csrf', '1').expect(200);
    expect((await t.http().get('/api/v1/auth/me').set(auth(signedIn.body.token)).expect(401)).body.error.code).toBe('TOKEN_REVOKED');
    await t.http().post('/api/v1/auth/session').send({ token: signedIn.body.token }).expect(401);
  });
});
