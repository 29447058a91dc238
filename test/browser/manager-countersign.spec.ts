import { Browser, Page } from 'playwright-core';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { VpnAccountEntity } from '../../src/vpn/vpn-account.entity';
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
} from '../factories';
import { managerSession } from '../e2e/manager/manager-fixtures';
import { nowClock } from '../e2e/vpn/vpn-fixtures';
import { startTestApp, TestApp } from '../helpers/test-app';
import { OperatorSession, press, screenshot, seriousA11yViolations } from './support/operator-browser';
import { postOk, vpnAccount } from './support/seed';
import { startBrowser, stopAll } from './support/suite';

jest.setTimeout(120_000);

/**
 * A manager's page in a browser (issue 15): their own directory login (a session whose subject is their employee
 * record, role manager), their people with activities and eligibility, the countersignature given with that login
 * — the agreement becomes signed — and, with VPN_MANAGER_APPROVAL on, a VPN request approved after a confirmation.
 */
describe("the manager's page in a browser", () => {
  // "Now": the browser checks the session cookie's expiry against the machine's time.
  const { clock, today } = nowClock();
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let boss: EmployeeEntity;
  let paper: EmployeeEntity;
  let remote: EmployeeEntity;
  let agreementId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { VPN_MANAGER_APPROVAL: 'true' } });
    const hr = await t.tokenFor('hr', 'Ufficio personale');
    const hotline = await t.tokenFor('hotline', 'Sara Neri');
    const service = await createService(t.dataSource, { code: 'SIT', name: 'Sistemi Informativi' });
    boss = await createManager(t.dataSource, service.id, { firstName: 'Renata', lastName: 'Conti', username: 'renata.conti' });
    remote = await createEmployee(t.dataSource, { serviceId: service.id, firstName: 'Giulia', lastName: 'Verdi', profile: 'Istruttore Informatico' });
    paper = await createEmployee(t.dataSource, { serviceId: service.id, firstName: 'Marco', lastName: 'Bruni', profile: 'Istruttore Amministrativo' });
    const desk = await createEmployee(t.dataSource, { serviceId: service.id, firstName: 'Anna', lastName: 'Sala', profile: 'Operatore' });
    const tickets = await createActivity(t.dataSource, service, { macroActivity: 'Assistenza utenti', name: 'Gestione ticket', mode: 'fully_remote' });
    const acts = await createActivity(t.dataSource, service, { macroActivity: 'Protocollo', name: 'Istruttoria pratiche', mode: 'partially_remote' });
    const counter = await createActivity(t.dataSource, service, { macroActivity: 'Sportello', name: 'Ricevimento del pubblico', mode: 'in_presence' });
    await linkActivities(t.dataSource, remote.id, [tickets.id]);
    await linkActivities(t.dataSource, paper.id, [acts.id, counter.id]);
    await linkActivities(t.dataSource, desk.id, [counter.id]);
    await createAgreementInForce(t.dataSource, remote, { today, managerSignerId: boss.id });

    // HR records, from the signed paper, the employee's signature and the dirigente's: it awaits the dirigente's own login.
    const send = (url: string, body: object, token: string) => postOk(t, url, body, token);
    agreementId = (await send('/api/v1/agreements', agreementBody(paper.id, { startDate: today, safetyNoticeDeliveredOn: today }), hr)).id;
    await send(`/api/v1/agreements/${agreementId}/sign`, { party: 'employee', signerEmployeeId: paper.id, documentSha256: DOCUMENT_SHA256 }, hr);
    await send(
      `/api/v1/agreements/${agreementId}/sign`,
      { party: 'manager', signerEmployeeId: boss.id, documentSha256: DOCUMENT_SHA256, documentReference: DOCUMENT_REFERENCE },
      hr,
    );
    accountId = (await vpnAccount(t, hotline, remote.id)).id;

    ({ browser, s, page } = await startBrowser(t, { token: await managerSession(t, boss, clock.now()), next: '/ui/manager' }));
  });

  afterAll(() => stopAll(browser, t));

  it('shows the people of the service with their activities and eligibility', async () => {
    const team = page.locator('#team table');
    await team.waitFor();
    await expect(page.locator('#service-name').textContent()).resolves.toBe('Servizio Sistemi Informativi (SIT)');
    const rows = team.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const row = (name: string) => team.locator('tbody tr', { hasText: name });
    await expect(row('Verdi Giulia').locator('td').nth(4).textContent()).resolves.toBe('Del tutto');
    await expect(row('Bruni Marco').locator('td').nth(4).textContent()).resolves.toBe('In parte');
    await expect(row('Sala Anna').locator('td').nth(4).textContent()).resolves.toBe('No');
    await expect(row('Bruni Marco').locator('td').nth(3).textContent()).resolves.toContain('Istruttoria pratiche');
    await expect(row('Verdi Giulia').locator('td').nth(6).textContent()).resolves.toContain('attende la tua approvazione');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'manager-team');
  });

  it("countersigns with the manager's own login, from the keyboard: the agreement becomes signed", async () => {
    const button = page.getByRole('button', { name: "Controfirma l'accordo di Bruni Marco" });
    await press(button);
    await page.locator('#page-status', { hasText: 'Accordo di Bruni Marco controfirmato.' }).waitFor();
    await page.locator('#countersign', { hasText: 'Nessun accordo da controfirmare.' }).waitFor();
    const stored = await t.dataSource.getRepository(AgreementEntity).findOneByOrFail({ id: agreementId });
    expect(['signed', 'active']).toContain(stored.state);
    expect(stored.managerSignerId).toBe(boss.id);
    await expect(page.locator('#team tbody tr', { hasText: 'Bruni Marco' }).locator('td').nth(5).textContent()).resolves.toMatch(/^(In vigore|Firmato)/);
  });

  it('approves a VPN request after confirming it; a second decision is refused in Italian', async () => {
    const section = page.locator('#vpn-section');
    await section.waitFor();
    await press(page.getByRole('button', { name: 'Approva la richiesta VPN di Verdi Giulia' }));
    await page.getByLabel('Nota (facoltativa)').fill('ok per il telelavoro');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'manager-vpn-confirm');
    await press(page.getByRole('button', { name: "Conferma l'approvazione" }));
    await page.locator('#page-status', { hasText: 'Richiesta VPN di Verdi Giulia approvata.' }).waitFor();
    await page.locator('#vpn-requests', { hasText: 'Nessuna richiesta VPN da approvare.' }).waitFor();
    expect((await t.dataSource.getRepository(VpnAccountEntity).findOneByOrFail({ id: accountId })).state).toBe('requested');
    const again = await page.evaluate(
      `fetch('/api/v1/vpn/accounts/${accountId}/manager-approval', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'it', 'x-rw-csrf': '1' }, body: '{"approve":false}' }).then((r) => r.json())`,
    );
    expect(again).toMatchObject({ error: { code: 'MANAGER_APPROVAL_ALREADY_DECIDED', message: expect.stringContaining('Il dirigente si è già espresso') } });
    await screenshot(page, 'manager-after');
    expect(s.errors).toEqual([]);
    expect(s.external).toEqual([]);
  });
});
