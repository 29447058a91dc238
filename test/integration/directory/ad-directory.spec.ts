import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { FixedClock } from '../../../src/common/clock';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceRepository } from '../../../src/directory/service.repository';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { AD_PASSWORD, AD_SERVICES, AdPerson, AdSandbox, describeWithAd } from '../../helpers/samba-ad';

/**
 * The service with the activeDirectory preset against the real Samba AD DC of the test run, in an OU of this file's
 * own, over LDAPS with the DC's CA: a full sync of the OU (objectGUID keys, sAMAccountName, a disabled account),
 * logins as user, DOMAIN\user and user@realm (one person, one failure count), roles through nested groups, and
 * AD's bind refusals as closed error codes.
 */
const TODAY = '2026-11-27';
const PAGE_SIZE = 4;

describeWithAd('the service with a real Samba AD DC', (ad) => {
  let sandbox: AdSandbox;
  let t: TestApp;
  let staff: AdPerson[];
  let admin: AdPerson, desk: AdPerson, nobody: AdPerson, leaver: AdPerson, locked: AdPerson, fresh: AdPerson;
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));

  const sync = async () => (await t.http().post('/api/v1/directory/sync?wait=true').set(auth(t.adminToken)).expect(200)).body;
  const employee = (sam: string) => t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ username: sam });
  const login = (username: string, password: string, ip = '10.20.0.1') =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username, password });

  beforeAll(async () => {
    sandbox = await AdSandbox.create();
    staff = sandbox.people(10, 's');
    [admin, desk, nobody, leaver, locked, fresh] = sandbox.people(6, 'l', { passwords: true });
    leaver.disabled = true;
    await sandbox.addPeople([...staff, admin, desk, nobody, leaver, locked, fresh]);
    await sandbox.lock(locked.sam);
    await sandbox.mustChangePassword(fresh.sam);
    // roles through nested groups: admin ∈ Dirigenza ∈ Vertici ∈ RW-Admins; desk ∈ Sportello ∈ RW-Hotline
    await sandbox.addGroup('Dirigenza', [sandbox.userDn(admin)]);
    await sandbox.addGroup('Vertici', [sandbox.groupDn('Dirigenza')]);
    await sandbox.addMembers('RW-Admins', [sandbox.groupDn('Vertici')]);
    await sandbox.addGroup('Sportello', [sandbox.userDn(desk), sandbox.userDn(leaver), sandbox.userDn(locked), sandbox.userDn(fresh)]);
    await sandbox.addMembers('RW-Hotline', [sandbox.groupDn('Sportello')]);
    t = await startTestApp({ clock, env: { ...sandbox.serviceEnv({ pageSize: PAGE_SIZE, maxDeactivationShare: 0.2 }), TRUST_PROXY: 'true' } });
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of AD_SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
  });

  afterAll(async () => {
    await t?.close();
    await sandbox?.destroy();
  });

  it('syncs every person of the OU, keyed by objectGUID in its AD text form, through several pages', async () => {
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', directoryEntries: 16, created: 16, skipped: 0, errorCount: 0 });
    expect(run.directoryEntries).toBeGreaterThan(PAGE_SIZE * 3);
    const s7 = await employee(staff[7].sam);
    expect(s7.externalId).toBe(await sandbox.guid(staff[7].sam));
    expect(s7.externalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(s7).toMatchObject({ employeeNumber: staff[7].employeeID, lastName: staff[7].sn, email: staff[7].mail, active: true, source: 'directory' });
    expect(s7.directoryDn).toBe(sandbox.userDn(staff[7]));
    // the preset's manager rule: employeeType "dirigente"
    expect((await employee(staff[3].sam)).isManager).toBe(true);
    expect((await employee(staff[4].sam)).isManager).toBe(false);
  });

  it('treats userAccountControl ACCOUNTDISABLE as a leaver within the safety limit, and re-enabling as coming back', async () => {
    expect(await employee(leaver.sam)).toMatchObject({ active: false, deactivationReason: 'disabled_in_directory' });
    // 4 of 15 active (27%) above the 20% limit of this file: nothing changes
    for (const p of staff.slice(5, 9)) await sandbox.disable(p.sam);
    clock.advance(60_000);
    expect(await sync()).toMatchObject({ status: 'refused', deactivated: 4 });
    expect((await employee(staff[5].sam)).active).toBe(true);
    for (const p of staff.slice(6, 9)) await sandbox.enable(p.sam);
    clock.advance(60_000);
    const run = await sync();
    expect(run).toMatchObject({ status: 'ok', deactivated: 1 });
    expect(await employee(staff[5].sam)).toMatchObject({ active: false, deactivationReason: 'disabled_in_directory' });
    await sandbox.enable(staff[5].sam);
    clock.advance(60_000);
    expect(await sync()).toMatchObject({ status: 'ok', reactivated: 1 });
    expect((await employee(staff[5].sam)).active).toBe(true);
  });

  it('deactivates a person deleted from AD (full sync) as having left the directory', async () => {
    await sandbox.deletePerson(staff[9].sam);
    clock.advance(60_000);
    expect(await sync()).toMatchObject({ status: 'ok', deactivated: 1 });
    expect(await employee(staff[9].sam)).toMatchObject({ active: false, deactivationReason: 'left_directory' });
  });

  it('logs the same person in as user, DOMAIN\\user and user@realm, with the role of a group two levels up', async () => {
    const subject = `employee:${(await employee(admin.sam)).id}`;
    for (const name of [
      admin.sam,
      `${ad.domain}\\${admin.sam}`,
      `${ad.domain.toLowerCase()}\\${admin.sam.toUpperCase()}`,
      sandbox.upn(admin),
      sandbox.upn(admin).toUpperCase(),
    ]) {
      const res = await login(name, AD_PASSWORD).expect(200);
      expect(res.body.role).toBe('admin');
      const me = await t.http().get('/api/v1/auth/me').set(auth(res.body.token)).expect(200);
      expect(me.body).toMatchObject({ role: 'admin', id: subject });
    }
    expect((await login(`${ad.domain}\\${desk.sam}`, AD_PASSWORD).expect(200)).body.role).toBe('hotline');
  });

  it('names nobody with a domain that is not ours', async () => {
    expect((await login(`ALTRO\\${admin.sam}`, AD_PASSWORD, '10.20.0.2').expect(401)).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await login(`${admin.sam}@altro.example`, AD_PASSWORD, '10.20.0.2').expect(401)).body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('logs a synced employee in no mapped group in as employee; no employee record: 403 NO_ROLE; a wrong password 401', async () => {
    const res = await login(nobody.sam, AD_PASSWORD).expect(200);
    expect(res.body.role).toBe('employee');
    const me = await t.http().get('/api/v1/auth/me').set(auth(res.body.token)).expect(200);
    expect(me.body).toMatchObject({ role: 'employee', id: `employee:${(await employee(nobody.sam)).id}` });
    // added to AD after the last sync: no employee record links to the entry
    const [stranger] = sandbox.people(1, 'nr', { passwords: true });
    await sandbox.addPeople([stranger]);
    expect((await login(stranger.sam, AD_PASSWORD).expect(403)).body.error.code).toBe('NO_ROLE');
    expect((await login(nobody.sam, 'Wr0ng!password', '10.20.0.3').expect(401)).body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it("maps AD's bind refusals to closed codes: disabled (533), locked (775), must change (773)", async () => {
    const code = async (name: string, password: string, status: number) => (await login(name, password, '10.20.0.4').expect(status)).body.error.code;
    expect(await code(sandbox.upn(leaver), AD_PASSWORD, 403)).toBe('ACCOUNT_DISABLED');
    // a wrong password on a disabled account learns nothing more than any wrong password
    expect(await code(sandbox.upn(leaver), 'Wr0ng!password', 401)).toBe('INVALID_CREDENTIALS');
    expect(await code(locked.sam, AD_PASSWORD, 403)).toBe('ACCOUNT_LOCKED');
    expect(await code(`${ad.domain}\\${fresh.sam}`, AD_PASSWORD, 403)).toBe('PASSWORD_MUST_CHANGE');
    expect(await code(fresh.sam, 'Wr0ng!password', 401)).toBe('INVALID_CREDENTIALS');
    const reasons = (await t.dataSource.getRepository(AuditEventEntity).find())
      .filter((e) => e.action === 'auth.login_failed')
      .map((e) => JSON.parse(e.summary).reason);
    expect(reasons).toEqual(expect.arrayContaining(['directory_disabled', 'directory_locked', 'password_must_change', 'wrong_password', 'unknown_user']));
  });

  it('counts failures per person (objectGUID) whatever form of the name was typed', async () => {
    const forms = [desk.sam, `${ad.domain}\\${desk.sam}`, sandbox.upn(desk), desk.sam.toUpperCase(), `${ad.domain.toLowerCase()}\\${desk.sam}`];
    for (let i = 0; i < 10; i++) await login(forms[i % forms.length], `Wr0ng!${i}`, '10.20.1.1').expect(401);
    const limited = await login(sandbox.upn(desk), AD_PASSWORD, '10.20.1.1').expect(429);
    expect(limited.body.error.code).toBe('TOO_MANY_ATTEMPTS');
    // another address is another count
    await login(desk.sam, AD_PASSWORD, '10.20.1.2').expect(200);
  });
});
