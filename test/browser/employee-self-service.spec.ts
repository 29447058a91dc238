import * as fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { auth, startTestApp, TestApp } from '../helpers/test-app';
import { employeeSession } from '../e2e/self-service/self-service-fixtures';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock, provisionable } from '../e2e/vpn/vpn-fixtures';
import { OperatorSession, press, screenshot, seriousA11yViolations } from './support/operator-browser';
import { expectSelfContained, startBrowser, stopAll } from './support/suite';

// RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(180_000);

/**
 * The employee's own page in a browser: logged in with a session of their own (subject employee:<id>, as their
 * directory login makes it), they see their agreement, kit, receipts, VPN account and safety notice, download their
 * .ovpn (no private key in it) and report their laptop stolen after a confirm step, all by keyboard.
 */
describe('the employee’s own page in a browser', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let browser: Browser;
  let s: OperatorSession;
  let page: Page;
  let laptop: { id: string; assetTag: string };
  let accountId: string;

  const download = async (trigger: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), trigger()]);
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
  };
  const gg = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    const hotline = await t.tokenFor('hotline');
    const person = await provisionable(t, today, { username: 'giulia.verdi' });
    laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    accountId = account.id;
    const api = hotlineApi(t, hotline);
    await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
    await api.installed(account.id, { activate: true }).expect(200);
    // someone else's kit, which the page must not show
    const other = await provisionable(t, today, { username: 'marco.bianchi' });
    await handOverLaptop(t, other.id);

    ({ browser, s, page } = await startBrowser(t, { token: await employeeSession(t, person.id, 'giulia.verdi'), next: '/ui/me' }));
  });

  afterAll(() => stopAll(browser, t));

  afterEach(() => expectSelfContained(s));

  it('shows their agreement, kit, VPN account and safety notice, and downloads their .ovpn with no key', async () => {
    const main = page.locator('main');
    await main.locator('#devices table').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toBe('La mia situazione');
    const text = (await main.textContent()) ?? '';
    expect(text).toContain('Il mio accordo');
    expect(text).toContain('In vigore');
    expect(text).toContain(laptop.assetTag);
    expect(text).toContain('Portatile');
    expect(text).toContain('Attivo');
    // the factory delivers the notice today: dates as gg/mm/aaaa
    expect(await page.locator('#notice').textContent()).toContain(gg(today));
    expect(text).not.toContain('marco.bianchi');
    expect(
      await page
        .locator('#receipts')
        .getByRole('button', { name: /Scarica la ricevuta/ })
        .count(),
    ).toBe(1);

    const button = page.getByRole('button', { name: 'Scarica il profilo VPN (.ovpn)' });
    const file = await download(() => press(button));
    expect(file.name).toBe('giulia.verdi.ovpn');
    const ovpn = file.bytes.toString('utf8');
    expect(ovpn).toContain('<ca>');
    expect(ovpn).not.toContain('<key>');
    expect(ovpn).not.toContain('PRIVATE KEY');

    const agreement = await download(() => press(page.getByRole('button', { name: /Scarica l’accordo \(PDF\)/ })));
    expect(agreement.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const receipt = await download(() => press(page.locator('#receipts').getByRole('button', { name: /Scarica la ricevuta/ })));
    expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'employee-me');
  });

  it('reports the laptop stolen after a confirm step, by keyboard; cancelling changes nothing', async () => {
    const report = page.getByRole('button', { name: `Segnala smarrimento o furto: Portatile ${laptop.assetTag}` });
    await press(report);
    await page.locator('#report-form').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'employee-me-report');
    await press(page.getByRole('button', { name: 'Annulla' }));
    expect(await page.locator('#report-form').count()).toBe(0);
    const tech = await t.tokenFor('technician');
    expect((await t.http().get(`/api/v1/assets/${laptop.id}`).set(auth(tech)).expect(200)).body.state).toBe('assigned');

    await press(report);
    await page.getByLabel('Rubato').check();
    await page.getByLabel(/Nota/).fill('Rubato in stazione');
    await press(page.getByRole('button', { name: 'Conferma la segnalazione' }));
    await page
      .locator('#page-status')
      .getByText(/Segnalazione registrata/)
      .waitFor();
    expect(await page.locator('#devices').textContent()).toContain('Non hai dispositivi in consegna.');
    expect((await t.http().get(`/api/v1/assets/${laptop.id}`).set(auth(tech)).expect(200)).body.state).toBe('stolen');
    // the certificate is revoked at once: the page no longer offers the profile once it shows it
    const revoked = async () => {
      const me = await t
        .http()
        .get(`/api/v1/vpn/accounts/${accountId}`)
        .set(auth(await t.tokenFor('hotline')))
        .expect(200);
      return me.body.certificate?.status === 'revoked';
    };
    const end = Date.now() + 20_000;
    while (!(await revoked())) {
      if (Date.now() > end) throw new Error('the certificate was never revoked');
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.reload();
    await page.locator('#vpn article').waitFor();
    expect(await page.locator('#vpn').textContent()).toContain('Revocato');
    expect(await page.getByRole('button', { name: 'Scarica il profilo VPN (.ovpn)' }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
