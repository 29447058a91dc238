import { Attribute, Change } from 'ldapts';
import { Browser } from 'playwright-core';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { calendarDate, FixedClock } from '../../src/common/clock';
import { ServiceRepository } from '../../src/directory/service.repository';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { agreementBody, DOCUMENT_SHA256, makeEligible } from '../factories';
import { generatePeople, LdapSandbox, personDn, SERVICES } from '../fixtures/ldap/directory-fixture';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { launchChromium, openSession, OperatorSession, press, screenshot, seriousA11yViolations } from './support/operator-browser';

jest.setTimeout(180_000);

/**
 * The people's pages reached with the network account, as a person signs in (issue 15): against the real slapd,
 * a dirigente in the managers' group logs in with their own password on /ui/login, lands on their page and
 * countersigns the agreement of one of their people, which becomes signed; that employee, in no group, logs in
 * with their own password, gets the role `employee` and sees the agreement on /ui/me. Nobody is given a token.
 */
describe('directory logins to the managers’ and employees’ pages (real slapd)', () => {
  const clock = new FixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const today = calendarDate(clock.now(), 'Europe/Rome');
  const people = generatePeople(7, 'dw');
  const boss = people[3]; // a dirigente of service CP (generatePeople: person 3)
  const clerk = people.find((p, i) => i !== 3 && p.departmentNumber === boss.departmentNumber)!;
  let sandbox: LdapSandbox;
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let agreementId: string;
  const byUid = new Map<string, EmployeeEntity>();

  const signIn = async (uid: string, password: string, next: string) => {
    await s.page.goto(`/ui/login?next=${encodeURIComponent(next)}`);
    await s.page.getByLabel('Nome utente').fill(uid);
    await s.page.getByLabel('Password', { exact: true }).fill(password);
    await s.page.keyboard.press('Enter');
    await s.page.waitForURL((u) => u.pathname === next);
    await s.page.locator('header.top').waitFor();
  };

  beforeAll(async () => {
    sandbox = await LdapSandbox.create(people, { 'rw-managers': [] });
    await sandbox.admin((c) =>
      c.modify(
        sandbox.groupDn('rw-managers'),
        new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [personDn(boss, sandbox.baseDn)] }) }),
      ),
    );
    t = await startTestApp({ clock, env: sandbox.serviceEnv() });
    await t.get(UnitOfWork).run(async (tx) => {
      for (const code of SERVICES) await t.get(ServiceRepository).ensure(tx, code, `Servizio ${code}`);
    });
    await t.http().post('/api/v1/directory/sync?wait=true').set(auth(t.adminToken)).expect(200);
    for (const e of await t.dataSource.getRepository(EmployeeEntity).find()) if (e.username) byUid.set(e.username, e);
    expect(byUid.get(boss.uid)).toMatchObject({ isManager: true });

    // HR drafts the clerk's agreement and records the clerk's signature from the signed paper.
    const hr = await t.tokenFor('hr', 'Ufficio personale');
    const employee = byUid.get(clerk.uid)!;
    await makeEligible(t.dataSource, employee);
    const created = await t
      .http()
      .post('/api/v1/agreements')
      .set(auth(hr))
      .send(agreementBody(employee.id, { startDate: today, safetyNoticeDeliveredOn: today }))
      .expect(201);
    agreementId = created.body.id;
    await t
      .http()
      .post(`/api/v1/agreements/${agreementId}/sign`)
      .set(auth(hr))
      .send({ party: 'employee', signerEmployeeId: employee.id, documentSha256: DOCUMENT_SHA256 })
      .expect(200);

    browser = await launchChromium();
    s = await openSession(browser, t.url);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sandbox?.destroy();
  });

  it('the dirigente signs in with their own password and countersigns: the agreement becomes signed', async () => {
    await signIn(boss.uid, boss.password, '/ui/manager');
    await s.page.locator('header.top .who', { hasText: 'Dirigente' }).waitFor();
    const name = `${clerk.sn} ${clerk.givenName}`;
    await s.page.locator('#team tbody tr', { hasText: name }).waitFor();
    expect(await seriousA11yViolations(s.page)).toEqual([]);
    await press(s.page.getByRole('button', { name: `Controfirma l'accordo di ${name}` }));
    await s.page.locator('#page-status', { hasText: `Accordo di ${name} controfirmato.` }).waitFor();
    const stored = await t.dataSource.getRepository(AgreementEntity).findOneByOrFail({ id: agreementId });
    expect(['signed', 'active']).toContain(stored.state);
    expect(stored.managerSignerId).toBe(byUid.get(boss.uid)!.id);
    await screenshot(s.page, 'directory-login-manager');
    await press(s.page.getByRole('button', { name: 'Esci' }));
    await s.page.waitForURL((u) => u.pathname === '/ui/login');
  });

  it('the employee, in no group, signs in with their own password as `employee` and sees the agreement', async () => {
    await signIn(clerk.uid, clerk.password, '/ui/me');
    await s.page.locator('header.top .who', { hasText: 'Dipendente' }).waitFor();
    // the header names the person, without the records' prefixes (`web:login:`)
    await expect(s.page.locator('header.top .who').textContent()).resolves.toBe(`${clerk.uid} · Dipendente`);
    const main = s.page.locator('main');
    await main
      .getByText(/In vigore|Firmato/)
      .first()
      .waitFor();
    // the agreement's start date, as pages write dates
    await main.getByText(today.split('-').reverse().join('/')).first().waitFor();
    expect(await seriousA11yViolations(s.page)).toEqual([]);
    await screenshot(s.page, 'directory-login-employee');
    // the employee's session reaches nothing of anyone else's
    const other = await s.page.evaluate(`fetch('/api/v1/employees', { headers: { 'x-rw-csrf': '1' } }).then((r) => r.status)`);
    expect(other).toBe(403);
    expect(s.errors).toEqual([]);
    expect(s.external).toEqual([]);
  });
});
